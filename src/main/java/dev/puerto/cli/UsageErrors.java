package dev.puerto.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli could not parse: one line saying what is wrong, then where to read more;
 * never the whole usage text, which would push the message off the screen.
 *
 * <pre>
 * puerto: Unknown option: '--formt' (did you mean --format?)
 * try 'puerto summary --help'
 * </pre>
 */
final class UsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException failure, String[] args) {
    CommandLine commandLine = failure.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("puerto: " + message(failure));
    err.println("try '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return ExitCode.USAGE;
  }

  private static String message(ParameterException failure) {
    String message = firstLine(failure.getMessage());
    CommandLine commandLine = failure.getCommandLine();
    boolean hasCommands = !commandLine.getSubcommands().isEmpty();
    if (hasCommands && message.equals("Missing required subcommand")) {
      return "missing command (one of "
          + String.join(", ", commandLine.getSubcommands().keySet())
          + ")";
    }
    if (failure instanceof UnmatchedArgumentException unmatched) {
      if (hasCommands && !unmatched.isUnknownOption() && !unmatched.getUnmatched().isEmpty()) {
        message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
      }
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        message +=
            " (did you mean "
                + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                + "?)";
      }
    }
    return message;
  }

  private static String firstLine(String text) {
    if (text == null || text.isBlank()) {
      return "invalid command line";
    }
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline).strip();
  }
}
