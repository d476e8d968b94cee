package dev.puerto.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * zonky's binary resolver, remembering which directory zonky unpacks the binaries into: zonky names
 * it {@code PG-<md5 of the archive>} under the working directory and does not say so. Knowing the
 * exact directory (rather than searching for one) matters when several are there, as after an
 * upgrade of the bundled PostgreSQL.
 *
 * <p>Use a new instance per start: zonky caches prepared binaries per resolver for the whole JVM,
 * ignoring the working directory, so a shared resolver would hand a second PUERTO_HOME the first
 * one's binaries.
 */
final class TrackedBinaries implements PgBinaryResolver {
  private final PgBinaryResolver delegate = DefaultPostgresBinaryResolver.INSTANCE;
  private final Path workingDirectory;
  private MessageDigest digest;
  private Path directory;

  TrackedBinaries(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  /**
   * zonky's binaries for the machine, if the jar has them. zonky turns an IOException from here
   * into an ExceptionInInitializerError, so a machine without them is an unchecked {@link
   * NoBinariesException} carrying what to do.
   */
  @Override
  public synchronized InputStream getPgBinary(String system, String machineHardware)
      throws IOException {
    List<PostgresPlatform> bundled = PostgresPlatform.bundled();
    if (PostgresPlatform.of(system, machineHardware).filter(bundled::contains).isEmpty()) {
      throw new NoBinariesException(
          PostgresPlatform.missingBinaries(system, machineHardware, bundled));
    }
    InputStream archive = delegate.getPgBinary(system, machineHardware);
    if (archive == null) {
      return null;
    }
    try {
      digest = MessageDigest.getInstance("MD5");
      directory = null;
      return new DigestInputStream(archive, digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("MD5 is not available to locate the PostgreSQL binaries", e);
    }
  }

  /** The directory holding {@code bin/postgres}, once zonky has prepared the binaries. */
  synchronized Path directory() throws IOException {
    if (directory == null) {
      if (digest == null) {
        throw new IOException("the PostgreSQL binaries were not prepared");
      }
      directory = workingDirectory.resolve("PG-" + HexFormat.of().formatHex(digest.digest()));
    }
    if (!Files.isExecutable(directory.resolve("bin").resolve("postgres"))) {
      throw new IOException("no PostgreSQL server program in " + directory.resolve("bin"));
    }
    return directory;
  }

  /** The jar has no PostgreSQL binaries for this machine; the message says to use --db. */
  static final class NoBinariesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoBinariesException(String message) {
      super(message);
    }
  }
}
