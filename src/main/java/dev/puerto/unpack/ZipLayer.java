package dev.puerto.unpack;

import dev.puerto.unpack.UnpackProblem.Kind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.function.LongSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip archive as a stream (no temporary file) and detects every entry again. Each entry's
 * output is checked against the bytes the archive stream consumed while it was read.
 */
final class ZipLayer {

  // The zip default for names without the UTF-8 flag; every byte sequence decodes.
  private static final Charset LEGACY_NAMES = Charset.forName("IBM437");

  private final Walk walk;

  ZipLayer(Walk walk) {
    this.walk = walk;
  }

  void unpack(PartName part, BufferedInputStream in, int depth) throws IOException {
    String path = part.path();
    CountingStream archive = new CountingStream(in);
    ZipInputStream zip = new ZipInputStream(archive, LEGACY_NAMES);
    int entries = 0;
    int files = 0;
    for (ZipEntry entry = nextEntry(zip, path); entry != null; entry = nextEntry(zip, path)) {
      if (++entries > walk.limits().maxEntries()) {
        walk.problem(
            Kind.LIMIT_EXCEEDED,
            path,
            "more than " + walk.limits().maxEntries() + " zip entries; the rest was not read");
        return;
      }
      if (entry.isDirectory() || entry.getName().startsWith("__MACOSX/")) {
        continue;
      }
      files++;
      PartName entryPart =
          part.child(entry.getName().isBlank() ? "part-" + entries : entry.getName());
      long start = archive.count();
      LongSupplier compressed = () -> archive.count() - start;
      DecompressedStream content =
          new DecompressedStream(zip, compressed, walk.limits(), entryPart.path(), "zip entry");
      walk.part(entryPart, content, depth + 1, PartRole.PAYLOAD);
      // Through the limits, not ZipInputStream's own skipping, to reach the next entry. If the
      // entry failed, this rethrows that failure and the archive ends here.
      content.transferTo(OutputStream.nullOutputStream());
    }
    if (files == 0) {
      walk.problem(Kind.NO_REPORT, path, "zip archive holds no files");
    }
  }

  private static ZipEntry nextEntry(ZipInputStream zip, String path) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (IOException e) {
      throw DecompressedStream.describe(e, path, "zip archive");
    }
  }
}
