package dev.puerto.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * What is kept of an input's raw bytes: their hash and size, and a gzip copy that is streamed into
 * the database from wherever it waits (memory or a temporary file), never bound whole.
 */
public interface RawInput {
  /** SHA-256 of the bytes read: the whole input, or its first bytes when {@link #truncated}. */
  byte[] sha256();

  /** The input's size: as read, or as its source declared it. */
  long size();

  /** The input was larger than Puerto reads; only its first bytes are kept. */
  boolean truncated();

  /** Length of the gzip copy in bytes. */
  long gzipLength();

  /**
   * The gzip copy, from its start. The stream may be left open by the database driver: the owner of
   * the raw input closes what it handed out when it is done with it.
   */
  InputStream openGzip() throws IOException;
}
