package dev.puerto.unpack;

import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.output.DeferredFileOutputStream;

/**
 * An e-mail copied where the mail library can read it without holding it: in memory while small, in
 * a temporary file (owner-only) once larger. Either way the library gets a {@code
 * SharedInputStream}, so it parses parts as ranges of the copy instead of reading the whole message
 * into the heap.
 */
final class Spool implements AutoCloseable {
  private static final int IN_MEMORY_BYTES = 4 << 20;

  private final InputStream shared;
  private final Path file;

  private Spool(InputStream shared, Path file) {
    this.shared = shared;
    this.file = file;
  }

  static Spool of(InputStream in) throws IOException {
    DeferredFileOutputStream copy =
        DeferredFileOutputStream.builder()
            .setThreshold(IN_MEMORY_BYTES)
            .setPrefix("puerto-mail-")
            .setSuffix(".eml")
            .get();
    try (copy) {
      in.transferTo(copy);
    } catch (IOException | RuntimeException e) {
      if (!copy.isInMemory()) {
        Files.deleteIfExists(copy.getPath());
      }
      throw e;
    }
    if (copy.isInMemory()) {
      return new Spool(new SharedByteArrayInputStream(copy.getData()), null);
    }
    return new Spool(new SharedFileInputStream(copy.getFile()), copy.getPath());
  }

  /** The copy, as a {@code SharedInputStream}. */
  InputStream stream() {
    return shared;
  }

  /** The whole copy again from its first byte, while the spool is open. */
  InputStream copy() {
    return ((SharedInputStream) shared).newStream(0, -1);
  }

  @Override
  public void close() throws IOException {
    shared.close();
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }
}
