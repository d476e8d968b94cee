package dev.puerto.unpack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens a gzip stream; its output is detected again (gzip in gzip, zip in gzip). The JDK reader
 * reads concatenated members and stops quietly at stray bytes after the last one (Mimecast appends
 * CRLF).
 */
final class GzipLayer {

  private static final int FLAG_EXTRA = 4;
  private static final int FLAG_NAME = 8;
  private static final int FIXED_HEADER_BYTES = 10;
  // A name further in than this (after a huge extra field) is ignored; the outer name serves.
  private static final int HEADER_PEEK_BYTES = 4096;

  private final Walk walk;

  GzipLayer(Walk walk) {
    this.walk = walk;
  }

  void unpack(PartName part, BufferedInputStream in, int depth) throws IOException {
    String path = part.path();
    PartName inner = part.child(innerName(part.name(), in));
    CountingStream compressed = new CountingStream(in);
    GZIPInputStream gzip;
    try {
      gzip = new GZIPInputStream(compressed);
    } catch (IOException e) {
      throw DecompressedStream.describe(e, path, "gzip stream");
    }
    walk.part(
        inner,
        new DecompressedStream(gzip, compressed::count, walk.limits(), path, "gzip stream"),
        depth + 1,
        PartRole.PAYLOAD);
  }

  /** The name stored in the gzip header (FNAME), else the outer file name without ".gz". */
  private static String innerName(String outer, BufferedInputStream in) throws IOException {
    in.mark(HEADER_PEEK_BYTES);
    byte[] header = in.readNBytes(HEADER_PEEK_BYTES);
    in.reset();
    String stored = storedName(header);
    if (stored != null) {
      return stored;
    }
    String fileName =
        outer.substring(Math.max(outer.lastIndexOf('/'), outer.lastIndexOf('\\')) + 1);
    return fileName.toLowerCase(Locale.ROOT).endsWith(".gz")
        ? fileName.substring(0, fileName.length() - 3)
        : fileName;
  }

  private static String storedName(byte[] header) {
    if (header.length <= FIXED_HEADER_BYTES || (header[3] & FLAG_NAME) == 0) {
      return null;
    }
    int start = FIXED_HEADER_BYTES;
    if ((header[3] & FLAG_EXTRA) != 0) {
      if (header.length < start + 2) {
        return null;
      }
      start += 2 + ((header[start] & 0xff) | (header[start + 1] & 0xff) << 8);
    }
    for (int end = start; end < header.length; end++) {
      if (header[end] == 0) {
        String name = new String(header, start, end - start, StandardCharsets.ISO_8859_1);
        // Only the file name: some writers store the directory too.
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return base.isBlank() ? null : base;
      }
    }
    return null;
  }
}
