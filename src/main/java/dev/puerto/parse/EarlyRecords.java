package dev.puerto.parse;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Records that a document puts before its header is complete. They cannot be stored before the
 * header is known, and there may be a million of them: the first {@value #IN_MEMORY} wait in
 * memory, the rest in a temporary file (readable by the owner only) that is read back in order and
 * deleted.
 */
final class EarlyRecords implements AutoCloseable {
  static final int IN_MEMORY = 1000;

  /** Resetting the stream now and then keeps its table of written objects from growing. */
  private static final int RESET_EVERY = 1000;

  /** Only what this class writes is read back. */
  private static final ObjectInputFilter ONLY_RECORDS =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=10;dev.puerto.parse.*;java.net.InetAddress;java.net.Inet4Address;"
              + "java.net.Inet6Address;java.net.InetAddress$*;java.net.Inet6Address$*;"
              + "java.lang.*;java.util.*;!*");

  private final Deque<ReportRecord> memory = new ArrayDeque<>();
  private Path file;
  private ObjectOutputStream out;
  private ObjectInputStream in;
  private long written;
  private long read;

  void add(ReportRecord record) throws IOException {
    if (file == null && memory.size() < IN_MEMORY) {
      memory.add(record);
      return;
    }
    if (file == null) {
      file = Files.createTempFile("puerto-records-", ".bin");
      out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    }
    out.writeObject(record);
    if (++written % RESET_EVERY == 0) {
      out.reset();
    }
  }

  /** The next early record in document order, or null when there are no more. */
  ReportRecord poll() throws IOException {
    ReportRecord next = memory.poll();
    if (next != null || read == written) {
      return next;
    }
    if (in == null) {
      out.close();
      in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file)));
      in.setObjectInputFilter(ONLY_RECORDS);
    }
    read++;
    try {
      return (ReportRecord) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the temporary record file holds a foreign object", e);
    }
  }

  @Override
  public void close() {
    memory.clear();
    if (file == null) {
      return;
    }
    try {
      if (in != null) {
        in.close();
      } else {
        out.close();
      }
    } catch (IOException ignored) {
      // the file is deleted next; nothing else holds it
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
    file = null;
  }
}
