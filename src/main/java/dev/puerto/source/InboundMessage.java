package dev.puerto.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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

  private InboundMessage(Origin origin, long size, Path file, byte[] bytes, boolean prefixOnly) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.size = size;
    this.file = file;
    this.bytes = bytes;
    this.prefixOnly = prefixOnly;
  }

  public static InboundMessage ofFile(Path file) throws IOException {
    return new InboundMessage(
        new Origin(Origin.Kind.FILE, file.toString()), Files.size(file), file, null, false);
  }

  /** The caller hands over the array and must not change it afterwards. */
  public static InboundMessage ofBytes(Origin origin, byte[] bytes) {
    return new InboundMessage(origin, bytes.length, null, bytes, false);
  }

  /**
   * A message known to be larger than Puerto reads (an IMAP message over the input limit, say), of
   * which only the first bytes were fetched: {@link #size()} is its full size, {@link #open()}
   * gives the first bytes only.
   */
  public static InboundMessage ofPrefix(Origin origin, byte[] firstBytes, long size) {
    return new InboundMessage(origin, size, null, firstBytes, true);
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
    return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(bytes);
  }

  @Override
  public String toString() {
    return origin.kind().label() + ":" + origin.name() + " (" + size + " bytes)";
  }
}
