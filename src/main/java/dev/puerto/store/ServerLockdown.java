package dev.puerto.store;

import dev.puerto.tools.NamedThreads;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps the embedded PostgreSQL to the account that runs Puerto: a random password for role
 * {@code postgres}, {@code scram-sha-256} for every connection, no Unix socket, and the password in
 * files only the owner can read.
 *
 * <p>zonky's initdb always writes a {@code trust} pg_hba.conf. The lockdown runs between initdb and
 * the first start of the server (zonky's data directory customizer), so a new data directory is
 * never served with {@code trust}; a data directory from an older Puerto is locked down the same
 * way on its next start, keeping its data. The role's password is set in single-user mode (no
 * server, no connection): the statement goes to the backend's stdin, and it carries a SCRAM
 * verifier computed here, so the password itself never leaves this process.
 */
final class ServerLockdown {
  static final String PG_HBA =
      """
      # Written by Puerto, which rewrites this file on start whenever it differs.
      # Every connection needs the password of role postgres, which is in the file
      # 'password' next to this data directory (readable only by its owner).
      # The server listens on loopback only, and has no Unix socket.
      # TYPE  DATABASE  USER  ADDRESS        METHOD
      local   all       all                  scram-sha-256
      host    all       all   127.0.0.1/32   scram-sha-256
      host    all       all   ::1/128        scram-sha-256
      """;

  private static final Logger log = LoggerFactory.getLogger(ServerLockdown.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int PASSWORD_BYTES = 32;
  private static final long SINGLE_USER_WAIT_SECONDS = 120;
  private static final Pattern SCRAM_VERIFIER =
      Pattern.compile("SCRAM-SHA-256\\$\\d+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");

  private ServerLockdown() {}

  /** 32 random bytes, base64url: 43 characters, none of which needs quoting anywhere. */
  static String newPassword() {
    byte[] bytes = new byte[PASSWORD_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The password in {@code file}, if the file exists and only its owner can read it. */
  static Optional<String> readPassword(Path file) throws IOException {
    if (!PrivateFiles.ownerOnly(file)) {
      return Optional.empty();
    }
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    return password.isEmpty() ? Optional.empty() : Optional.of(password);
  }

  /** True when the data directory needs nothing: Puerto's pg_hba.conf and a private password. */
  static boolean lockedDown(Path data, Path passwordFile) throws IOException {
    Path hba = data.resolve("pg_hba.conf");
    return Files.isRegularFile(hba)
        && Files.readString(hba, StandardCharsets.UTF_8).equals(PG_HBA)
        && readPassword(passwordFile).isPresent();
  }

  /**
   * Sets the role's password (single-user mode; the server must not run), then writes the password
   * file, the pgpass file and pg_hba.conf, each 0600 from the start. Any step may be interrupted:
   * until all are done {@link #lockedDown} is false and the next start does them all again.
   */
  static void lockDown(Path binaries, Path data, String password, Path passwordFile, Path pgpass)
      throws IOException {
    setPassword(binaries, data, password);
    PrivateFiles.writeAtomically(passwordFile, password + "\n");
    writePgpass(pgpass, password);
    PrivateFiles.writeAtomically(data.resolve("pg_hba.conf"), PG_HBA);
    log.info(
        "embedded PostgreSQL locked down: a password for every connection, in {}", passwordFile);
  }

  /**
   * libpq's password file, which pgjdbc reads too: any port and database on the loopback names, for
   * role postgres. libpq matches an IPv6 host as {@code ::1}, pgjdbc as {@code [::1]}.
   */
  static void writePgpass(Path pgpass, String password) throws IOException {
    String lines =
        List.of("127.0.0.1", "localhost", "::1", "[::1]").stream()
            .map(host -> escapePgpass(host) + ":*:*:" + EmbeddedServer.USER + ":" + password)
            .collect(Collectors.joining("\n", "", "\n"));
    if (!PrivateFiles.ownerOnly(pgpass)
        || !Files.readString(pgpass, StandardCharsets.UTF_8).equals(lines)) {
      PrivateFiles.writeAtomically(pgpass, lines);
    }
  }

  private static String escapePgpass(String field) {
    return field.replace("\\", "\\\\").replace(":", "\\:");
  }

  private static void setPassword(Path binaries, Path data, String password) throws IOException {
    String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
    if (!SCRAM_VERIFIER.matcher(verifier).matches()) {
      throw new IOException("unexpected form of the SCRAM verifier computed by pgjdbc");
    }
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // As zonky does for every server program when run as root: PostgreSQL refuses to run as
      // root, and in a new user namespace it does not.
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(
        List.of(
            binaries.resolve("bin").resolve("postgres").toString(),
            "--single",
            "-D",
            data.toString(),
            "postgres"));
    Process backend = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader =
        NamedThreads.start("postgres-single", () -> drain(backend.getInputStream(), output));
    try (OutputStream stdin = backend.getOutputStream()) {
      stdin.write(
          ("ALTER ROLE " + EmbeddedServer.USER + " PASSWORD '" + verifier + "';\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    boolean ended;
    try {
      ended = backend.waitFor(SINGLE_USER_WAIT_SECONDS, TimeUnit.SECONDS);
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      backend.destroyForcibly();
      throw new IOException("interrupted while setting the password of the embedded PostgreSQL");
    }
    if (!ended) {
      backend.destroyForcibly();
      throw new IOException(
          "postgres --single did not finish within " + SINGLE_USER_WAIT_SECONDS + " s");
    }
    String problems = problems(output.toString(StandardCharsets.UTF_8));
    if (backend.exitValue() != 0 || !problems.isEmpty()) {
      throw new IOException(
          "setting the password of role "
              + EmbeddedServer.USER
              + " in single-user mode failed (exit "
              + backend.exitValue()
              + (problems.isEmpty() ? "" : ": " + problems)
              + ")");
    }
  }

  /** The backend's ERROR/FATAL/PANIC lines, without any that quote the statement. */
  private static String problems(String output) {
    return output
        .lines()
        .filter(
            line -> line.contains("ERROR:") || line.contains("FATAL:") || line.contains("PANIC:"))
        .filter(line -> !line.contains("SCRAM-SHA-256$") && !line.contains("STATEMENT:"))
        .map(String::strip)
        .collect(Collectors.joining("; "));
  }

  private static void drain(InputStream in, ByteArrayOutputStream sink) {
    try (in) {
      in.transferTo(sink);
    } catch (IOException e) {
      log.debug("reading the output of postgres --single failed", e);
    }
  }
}
