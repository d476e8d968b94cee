package dev.puerto.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One raw input (a file, stdin, a mail message) and where it came from. The content can be opened
 * more than once (to hash it, to store it, to unpack it) and is never held in memory when it comes
 * from a file, so a multi-gigabyte report streams.
 */
public final class InboundMessage {
  private final Origin origin;
  private final long size;
  private final Path file;
  private final byte[] bytes;
  private final boolean prefixOnly;
  private final IOException unreadable;

  private InboundMessage(
      Origin origin,
      long size,
      Path file,
      byte[] bytes,
      boolean prefixOnly,
      IOException unreadable) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.size = size;
    this.file = file;
    this.bytes = bytes;
    this.prefixOnly = prefixOnly;
    this.unreadable = unreadable;
  }

  public static InboundMessage ofFile(Path file) throws IOException {
    return new InboundMessage(
        new Origin(Origin.Kind.FILE, file.toString()), Files.size(file), file, null, false, null);
  }

  /** Standard input, copied to a temporary file first (it can be read only once). */
  static InboundMessage ofStdinCopy(Path copy, long size) {
    return ofTemporaryFile(new Origin(Origin.Kind.STDIN, "-"), copy, size);
  }

  /** Content waiting in a temporary file that the caller deletes once the message is handled. */
  static InboundMessage ofTemporaryFile(Origin origin, Path copy, long size) {
    return new InboundMessage(origin, size, copy, null, false, null);
  }

  /** An input that was found but cannot be read: opening it throws {@code failure}. */
  static InboundMessage unreadable(Origin origin, IOException failure) {
    return new InboundMessage(origin, 0, null, null, false, failure);
  }

  /** The caller hands over the array and must not change it afterwards. */
  public static InboundMessage ofBytes(Origin origin, byte[] bytes) {
    return new InboundMessage(origin, bytes.length, null, bytes, false, null);
  }

  /**
   * A message known to be larger than Puerto reads (an IMAP message over the input limit, say), of
   * which only the first bytes were fetched: {@link #size()} is its full size, {@link #open()}
   * gives the first bytes only.
   */
  public static InboundMessage ofPrefix(Origin origin, byte[] firstBytes, long size) {
    return new InboundMessage(origin, size, null, firstBytes, true, null);
  }

  /** Whether only the first bytes of the message are here (see {@link #ofPrefix}). */
  public boolean prefixOnly() {
    return prefixOnly;
  }

  public Origin origin() {
    return origin;
  }

  /** A short name for messages: the file name, or the origin name for other kinds. */
  public String displayName() {
    return origin.name();
  }

  public long size() {
    return size;
  }

  /** Opens the content from its start; the caller closes the stream. */
  public InputStream open() throws IOException {
    if (unreadable != null) {
      throw unreadable;
    }
    return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(bytes);
  }

  /**
   * Why an input could not be read, in words: the JDK's file exceptions carry only the path as
   * their message.
   */
  public static String describe(IOException failure) {
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file (it was moved or deleted)";
    }
    if (failure instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  @Override
  public String toString() {
    return origin.kind().label() + ":" + origin.name() + " (" + size + " bytes)";
  }
}
