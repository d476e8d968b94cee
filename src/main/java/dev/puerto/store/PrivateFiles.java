package dev.puerto.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories only their owner can use: directories 0700, files 0600 from the moment they
 * exist (a secret is never written into a file that is readable by others, even briefly).
 */
public final class PrivateFiles {
  static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private PrivateFiles() {}

  static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code directory} (and missing parents) with mode 0700, or sets an existing one to 0700
   * when it is looser.
   */
  static void directory(Path directory) throws IOException {
    if (!posix()) {
      Files.createDirectories(directory);
      return;
    }
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(
          directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(directory);
    if (!current.equals(OWNER_ONLY_DIRECTORY)) {
      Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
      log.info(
          "made {} private to its owner (was {}, now rwx------)",
          directory,
          PosixFilePermissions.toString(current));
    }
  }

  /**
   * Puerto's home: created 0700; an existing one is set to 0700 only when it is evidently Puerto's
   * (empty, or holding the {@code postgres} directory) and this user's, so that {@code --home /srv}
   * never locks others out of a shared directory. Everything secret lives one level down, in a
   * directory that is always 0700.
   */
  static void home(Path home, String puertoEntry) throws IOException {
    if (!Files.isDirectory(home) || !posix()) {
      directory(home);
      return;
    }
    boolean puertos;
    try (Stream<Path> entries = Files.list(home)) {
      puertos =
          entries.allMatch(entry -> entry.getFileName().toString().equals(puertoEntry))
              && ownedByCurrentUser(home);
    }
    if (puertos) {
      directory(home);
    } else if (!Files.getPosixFilePermissions(home).equals(OWNER_ONLY_DIRECTORY)) {
      log.debug(
          "{} holds more than Puerto's data or is not yours: its permissions are left as they are",
          home);
    }
  }

  /**
   * Writes {@code content} to a new 0600 file next to {@code target}, then renames it over it. A
   * missing directory is created 0700 (an existing one is left as it is).
   */
  public static void writeAtomically(Path target, String content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(directory)) {
      directory(directory);
    }
    FileAttribute<?>[] attributes =
        posix()
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
            : new FileAttribute<?>[0];
    Path temporary =
        Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp", attributes);
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Creates an empty 0600 file unless it exists. */
  static void createFile(Path file) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (posix()) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    } else {
      Files.createFile(file);
    }
  }

  /** True when the file exists and is a regular file that only its owner can read or write. */
  static boolean ownerOnly(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    return !posix() || Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE);
  }

  /**
   * Removes the group and others write bits from everything under {@code root} (symbolic links are
   * not followed; their targets are inside the tree).
   */
  static void removeGroupAndOthersWrite(Path root) throws IOException {
    if (!posix() || !Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : (Iterable<Path>) tree::iterator) {
        PosixFileAttributes attributes =
            Files.getFileAttributeView(
                    path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
        if (attributes.isSymbolicLink()) {
          continue;
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.removeAll(GROUP_OR_OTHERS_WRITE)) {
          Files.setPosixFilePermissions(path, permissions);
        }
      }
    }
  }

  private static boolean ownedByCurrentUser(Path path) {
    try {
      UserPrincipal me =
          path.getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(System.getProperty("user.name"));
      return Files.getOwner(path).equals(me);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
