package dev.puerto.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Inputs named on the command line: files, directories (walked recursively, in name order) and
 * {@code -} for stdin. What a file holds is decided later from its content, never from its name;
 * the walk only skips hidden files, the Markdown notes that often sit beside reports, and what the
 * user excludes. A file or directory that cannot be read becomes an input that fails with the
 * reason, so the rest is still imported.
 */
public final class FileSource {
  private final List<PathMatcher> excluded;
  private final long maxInputBytes;

  /**
   * @param excludeGlobs glob patterns ({@code *.tsv}, {@code archive/**}) matched against each path
   *     below a directory argument and against each file name
   * @param maxInputBytes most bytes read from stdin: one more tells an input over the limit
   */
  public FileSource(List<String> excludeGlobs, long maxInputBytes) {
    this.excluded =
        excludeGlobs.stream()
            .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
            .toList();
    this.maxInputBytes = maxInputBytes;
  }

  /**
   * Expands the arguments into inputs, in order.
   *
   * @throws NoSuchFileException when an argument names nothing
   */
  public List<InboundMessage> expand(List<String> arguments, InputStream stdin) throws IOException {
    List<InboundMessage> inputs = new ArrayList<>();
    for (String argument : arguments) {
      if (argument.equals("-")) {
        inputs.add(copyOfStdin(stdin));
        continue;
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        inputs.addAll(walk(path));
      } else if (Files.isRegularFile(path)) {
        inputs.add(fileOrUnreadable(path));
      } else if (Files.exists(path)) {
        inputs.add(
            InboundMessage.unreadable(
                fileOrigin(path),
                new IOException("not a regular file (a device, pipe or socket)")));
      } else {
        throw new NoSuchFileException(argument, null, "no such file or directory");
      }
    }
    return inputs;
  }

  /**
   * Standard input can be read once: it is copied to a temporary file (owner-only, deleted when
   * Puerto exits), at most the input limit and one byte more, so that it streams like a file and an
   * endless or huge stdin is cut off instead of filling the heap.
   */
  private InboundMessage copyOfStdin(InputStream stdin) throws IOException {
    Path copy = Files.createTempFile("puerto-stdin-", ".bin");
    copy.toFile().deleteOnExit();
    long copied;
    try (OutputStream out = Files.newOutputStream(copy)) {
      copied = copy(stdin, out, maxInputBytes + 1);
    }
    return InboundMessage.ofStdinCopy(copy, copied);
  }

  private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; total < maxBytes && (n = in.read(buffer, 0, chunk(maxBytes - total))) >= 0; ) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }

  private static int chunk(long left) {
    return (int) Math.min(64 * 1024, left);
  }

  private List<InboundMessage> walk(Path directory) throws IOException {
    List<InboundMessage> found = new ArrayList<>();
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return dir.equals(directory) || isCandidate(directory.relativize(dir))
                ? FileVisitResult.CONTINUE
                : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            Path relative = directory.relativize(file);
            if (attributes.isRegularFile() && isCandidate(relative) && !isNote(relative)) {
              found.add(fileOrUnreadable(file));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure) {
            if (isCandidate(directory.relativize(file))) {
              found.add(InboundMessage.unreadable(fileOrigin(file), failure));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(Comparator.comparing(InboundMessage::displayName));
    return found;
  }

  /** Neither hidden nor excluded. */
  private boolean isCandidate(Path relative) {
    for (Path element : relative) {
      if (element.toString().startsWith(".")) {
        return false;
      }
    }
    for (PathMatcher matcher : excluded) {
      if (matcher.matches(relative) || matcher.matches(relative.getFileName())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNote(Path relative) {
    return relative.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
  }

  private static InboundMessage fileOrUnreadable(Path file) {
    try {
      return InboundMessage.ofFile(file);
    } catch (IOException e) {
      return InboundMessage.unreadable(fileOrigin(file), e);
    }
  }

  private static Origin fileOrigin(Path file) {
    return new Origin(Origin.Kind.FILE, file.toString());
  }
}
