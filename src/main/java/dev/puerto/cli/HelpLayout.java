package dev.puerto.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help text that wraps only at spaces, so that no line break falls inside a value such as {@code
 * ~/.config/puerto/puerto.conf}, {@code zen.spamhaus.org} or {@code HOST[:PORT]}, at any width.
 *
 * <ul>
 *   <li>Descriptions, headers, footers, the command list and the exit code list: picocli wraps them
 *       with {@link java.text.BreakIterator}, which also breaks after {@code /}, {@code .} or
 *       {@code :} and before {@code [}, and has no setting for that. So before it wraps, each ASCII
 *       punctuation character in them is moved to a letter of Latin Extended-A (U+0121 to U+017E,
 *       one character for one, so widths stay exact), and each rendered section moves them back
 *       (picocli itself does the same with {@code -}). Format specifiers ({@code %n}) and variables
 *       ({@code ${DEFAULT-VALUE}}) are left as they are. Help text must therefore not contain
 *       U+0121 to U+017E itself.
 *   <li>Options and parameters: listed here, not by picocli, whose description column is too narrow
 *       for words such as {@code PUERTO_IMAP_FAILURE_REPORT_FOLDER} on a narrow terminal:
 *       descriptions go beneath the names when a word would not fit beside them.
 *   <li>The synopsis is abbreviated ({@code puerto import [OPTIONS] PATH...}); the options are
 *       listed below it.
 * </ul>
 */
final class HelpLayout {
  private static final char SHIFT = 0x100;

  /** Labels longer than this get their description on the next line. */
  private static final int LABEL_MAX = 24;

  /** Spaces between a label and its description. */
  private static final int GAP = 2;

  /** Extra indent of a description's wrapped lines. */
  private static final int CONTINUATION = 2;

  /** Where descriptions start when they go beneath the labels. */
  private static final int STACKED = 8;

  private HelpLayout() {}

  /** Applies to {@code commandLine} and every subcommand below it. */
  static void keepValuesWhole(CommandLine commandLine) {
    CommandSpec spec = commandLine.getCommandSpec();
    UsageMessageSpec usage = spec.usageMessage();
    usage.description(protect(usage.description()));
    usage.header(protect(usage.header()));
    usage.footer(protect(usage.footer()));
    Map<String, String> exitCodes = new LinkedHashMap<>();
    usage.exitCodeList().forEach((code, meaning) -> exitCodes.put(code, protect(meaning)));
    usage.exitCodeList(exitCodes);
    usage.abbreviateSynopsis(true);

    Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>();
    commandLine
        .getHelpSectionMap()
        .forEach((key, renderer) -> sections.put(key, help -> restore(renderer.render(help))));
    sections.put(
        UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
        help -> argumentList(help, visibleParameters(help)));
    sections.put(
        UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> argumentList(help, visibleOptions(help)));
    commandLine.setHelpSectionMap(sections);
    commandLine.getSubcommands().values().forEach(HelpLayout::keepValuesWhole);
  }

  /** The text with its punctuation moved out of the line breaker's sight. */
  static String protect(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 1 < text.length()) {
        out.append(c).append(text.charAt(++i));
      } else if (c == '$' && text.startsWith("${", i) && text.indexOf('}', i) > 0) {
        int end = text.indexOf('}', i) + 1;
        out.append(text, i, end);
        i = end - 1;
      } else if (c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c) && c != '-') {
        out.append((char) (c + SHIFT));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String[] protect(String[] lines) {
    String[] out = new String[lines.length];
    for (int i = 0; i < lines.length; i++) {
      out[i] = protect(lines[i]);
    }
    return out;
  }

  /** Puts the punctuation back. */
  static String restore(String text) {
    if (text == null) {
      return null;
    }
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] > ' ' + SHIFT && chars[i] < 0x7f + SHIFT) {
        chars[i] = (char) (chars[i] - SHIFT);
      }
    }
    return new String(chars);
  }

  /**
   * The option or parameter list, wrapped at spaces only: the names and their labels, then the
   * description, beside them when every word of every description fits in the column that leaves,
   * else beneath them, indented (narrow terminals).
   */
  private static String argumentList(Help help, List<? extends ArgSpec> args) {
    if (args.isEmpty()) {
      return "";
    }
    int width = help.commandSpec().usageMessage().width();
    List<String> labels = new ArrayList<>();
    List<List<String>> paragraphs = new ArrayList<>();
    int longestLabel = 0;
    int longestWord = 0;
    for (ArgSpec arg : args) {
      String label = label(help, arg);
      labels.add(label);
      if (label.length() <= LABEL_MAX) {
        longestLabel = Math.max(longestLabel, label.length());
      }
      List<String> lines = new ArrayList<>();
      for (String line : arg.description()) {
        lines.addAll(List.of(String.format(line).split("\\R", -1)));
      }
      paragraphs.add(lines);
      for (String line : lines) {
        for (String word : line.split(" ")) {
          longestWord = Math.max(longestWord, word.length());
        }
      }
    }
    int column = longestLabel + GAP;
    if (width - column - CONTINUATION < longestWord) {
      column = STACKED;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      StringBuilder line = new StringBuilder(label);
      boolean beside = column != STACKED && label.length() + GAP <= column;
      if (!beside) {
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        line.setLength(0);
      }
      boolean first = true;
      for (String paragraph : paragraphs.get(i)) {
        for (String wrapped : wrap(paragraph, width - column, width - column - CONTINUATION)) {
          int indent = first ? column : column + CONTINUATION;
          pad(line, indent);
          line.append(wrapped);
          out.append(line.toString().stripTrailing()).append(System.lineSeparator());
          line.setLength(0);
          first = false;
        }
        first = true;
      }
      if (line.length() > 0) {
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
      }
    }
    return out.toString();
  }

  /** {@code -j, --jobs=N} as picocli writes it, indented as picocli indents it. */
  private static String label(Help help, ArgSpec arg) {
    String parameter =
        help.parameterLabelRenderer()
            .renderParameterLabel(arg, Help.Ansi.OFF, List.of())
            .plainString();
    if (arg instanceof OptionSpec option) {
      String[] names = option.names();
      String longName = names[names.length - 1];
      String shortName = names.length > 1 || longName.length() == 2 ? names[0] : null;
      if (shortName != null && shortName.equals(longName)) {
        return "  " + shortName + parameter;
      }
      return (shortName == null ? "      " : "  " + shortName + ", ") + longName + parameter;
    }
    return "      " + parameter.strip();
  }

  /** {@code text} in lines of at most {@code first}, then {@code rest}, characters; words whole. */
  static List<String> wrap(String text, int first, int rest) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      int limit = lines.isEmpty() ? first : rest;
      if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static void pad(StringBuilder line, int column) {
    if (line.length() > 0 && line.length() >= column) {
      line.append(System.lineSeparator());
      line.setLength(0);
    }
    while (line.length() < column) {
      line.append(' ');
    }
  }

  private static List<OptionSpec> visibleOptions(Help help) {
    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec option : help.commandSpec().options()) {
      if (!option.hidden()) {
        options.add(option);
      }
    }
    Comparator<OptionSpec> order = help.createDefaultOptionSort();
    if (order != null) {
      options.sort(order);
    }
    return options;
  }

  private static List<PositionalParamSpec> visibleParameters(Help help) {
    List<PositionalParamSpec> parameters = new ArrayList<>();
    for (PositionalParamSpec parameter : help.commandSpec().positionalParameters()) {
      if (!parameter.hidden()) {
        parameters.add(parameter);
      }
    }
    return parameters;
  }
}
