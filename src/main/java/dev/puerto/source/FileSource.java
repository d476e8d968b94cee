package dev.puerto.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Inputs named on the command line: files, directories (walked recursively, in name order) and
 * {@code -} for stdin. What a file holds is decided later from its content, never from its name;
 * the walk only skips hidden files and the Markdown notes that often sit beside reports.
 */
public final class FileSource {
  private FileSource() {}

  /**
   * Expands the arguments into inputs, in order.
   *
   * @throws NoSuchFileException when an argument names nothing
   */
  public static List<InboundMessage> expand(List<String> arguments, InputStream stdin)
      throws IOException {
    List<InboundMessage> inputs = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        inputs.add(
            InboundMessage.ofBytes(new Origin(Origin.Kind.STDIN, "-"), stdin.readAllBytes()));
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        inputs.addAll(walk(path));
      } else if (Files.isRegularFile(path)) {
        inputs.add(InboundMessage.ofFile(path));
      } else {
        throw new NoSuchFileException(argument, null, "no such file or directory");
      }
    }
    return inputs;
  }

  private static List<InboundMessage> walk(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> isCandidate(directory.relativize(file)))
          .sorted()
          .map(FileSource::toMessage)
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean isCandidate(Path relative) {
    for (Path element : relative) {
      if (element.toString().startsWith(".")) {
        return false;
      }
    }
    return !relative.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
  }

  private static InboundMessage toMessage(Path file) {
    try {
      return InboundMessage.ofFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
