package dev.puerto.unpack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.zip.Deflater;

/**
 * Compression bombs made without compressing their whole output: a start (an XML tag, e-mail
 * headers) followed by spaces, deflated one MiB at a time. Once the deflate window is all spaces,
 * every further MiB compresses to the same bytes (about 1 KiB), so a 10 GiB expansion is those
 * bytes repeated, produced lazily. The streams are never meant to be read to their end (no
 * trailer).
 */
final class SpaceBomb {

  static final int CHUNK = 1 << 20;

  /** Start of a bomb that is detected as XML. */
  static final String XML = "<feedback>";

  private SpaceBomb() {}

  /** A gzip stream expanding to {@code mebibytes} MiB: {@code start}, then spaces. */
  static InputStream gzip(String start, long mebibytes) {
    byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    return new SequenceInputStream(new ByteArrayInputStream(header), deflate(start, mebibytes));
  }

  /**
   * A zip archive whose only entry expands to {@code mebibytes} MiB: {@code start}, then spaces.
   */
  static InputStream zip(String entryName, String start, long mebibytes) {
    return new SequenceInputStream(
        new ByteArrayInputStream(localHeader(entryName)), deflate(start, mebibytes));
  }

  /** Raw deflate data: one MiB beginning with {@code start}, then MiBs of spaces. */
  private static InputStream deflate(String start, long mebibytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] spaces = new byte[CHUNK];
    Arrays.fill(spaces, (byte) ' ');
    byte[] first = spaces.clone();
    byte[] startBytes = start.getBytes(UTF_8);
    System.arraycopy(startBytes, 0, first, 0, startBytes.length);
    byte[] firstBlock = flush(deflater, first);
    byte[] spaceBlock = flush(deflater, spaces);
    if (!Arrays.equals(spaceBlock, flush(deflater, spaces))) {
      throw new IllegalStateException("deflate output of repeated spaces is not periodic");
    }
    deflater.end();
    return new SequenceInputStream(
        new Enumeration<InputStream>() {
          private long produced;

          @Override
          public boolean hasMoreElements() {
            return produced < mebibytes;
          }

          @Override
          public InputStream nextElement() {
            return new ByteArrayInputStream(produced++ == 0 ? firstBlock : spaceBlock);
          }
        });
  }

  private static byte[] flush(Deflater deflater, byte[] input) {
    deflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    // A flush that fills the buffer may have more to give.
    int n = buffer.length;
    while (n == buffer.length) {
      n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** A local file header for a deflated entry whose sizes follow in a data descriptor. */
  private static byte[] localHeader(String entryName) {
    byte[] name = entryName.getBytes(UTF_8);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes(new byte[] {'P', 'K', 3, 4});
    littleEndian(header, 20, 2); // version needed
    littleEndian(header, 0x0808, 2); // data descriptor follows, UTF-8 name
    littleEndian(header, 8, 2); // deflated
    littleEndian(header, 0, 4); // time and date
    littleEndian(header, 0, 4); // CRC, in the descriptor
    littleEndian(header, 0, 4); // compressed size, in the descriptor
    littleEndian(header, 0, 4); // size, in the descriptor
    littleEndian(header, name.length, 2);
    littleEndian(header, 0, 2); // no extra field
    header.writeBytes(name);
    return header.toByteArray();
  }

  private static void littleEndian(ByteArrayOutputStream out, int value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write(value >>> (8 * i));
    }
  }
}
