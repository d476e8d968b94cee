package dev.puerto.cli;

import dev.puerto.i18n.Messages;
import dev.puerto.store.Database;
import dev.puerto.tools.Causes;
import dev.puerto.web.Dashboard;
import dev.puerto.web.DashboardSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the dashboard: the week of every domain, each domain's sources, reporters and"
          + " days, a source across domains, every report and input; each table as CSV, the"
          + " JSON behind every page under /api/, Prometheus metrics at /metrics and /health"
          + " for a load balancer. It only reads the database, beside watch or alone, and runs"
          + " until stopped (Ctrl-C, SIGTERM).",
      "Every page but /health asks for a login: a form for browsers, HTTP Basic for scripts."
          + " Without --http-password-file, Puerto makes a password up, keeps it in"
          + " PUERTO_HOME/http-password (readable by you only) and accepts only loopback."
    },
    footerHeading = "%nSettings:%n",
    footer = {
      "Each option has an environment variable and config file key: PUERTO_HTTP_PORT,"
          + " PUERTO_HTTP_BIND, PUERTO_HTTP_USER, PUERTO_HTTP_PASSWORD_FILE,"
          + " PUERTO_HTTPS_KEYSTORE, PUERTO_HTTPS_KEYSTORE_PASSWORD_FILE. For TLS, give a key"
          + " store or put a reverse proxy in front (see the README)."
    })
final class ServeCommand implements Callable<Integer> {
  static final int DEFAULT_PORT = 8025;
  static final String DEFAULT_BIND = "127.0.0.1";
  static final String DEFAULT_USER = "puerto";

  /** Where a made-up password is kept, under PUERTO_HOME. */
  static final String GENERATED_PASSWORD_FILE = "http-password";

  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Mixin ReadDatabaseOption readDatabase;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      converter = Bounds.HttpPort.class,
      description = "TCP port; 0 picks a free one (default " + DEFAULT_PORT + ")")
  Integer port;

  @Option(
      names = "--http-bind",
      paramLabel = "ADDRESS",
      description =
          "address to listen on (default "
              + DEFAULT_BIND
              + "); any other than loopback needs"
              + " --http-password-file")
  String bind;

  @Option(
      names = "--http-user",
      paramLabel = "USER",
      description = "the login's user name (default " + DEFAULT_USER + ")")
  String user;

  @Option(
      names = "--http-password-file",
      paramLabel = "FILE",
      description =
          "file whose first line is the login's password, at least "
              + DashboardSettings.MIN_PASSWORD_LENGTH
              + " characters")
  Path passwordFile;

  @Option(
      names = "--https-keystore",
      paramLabel = "FILE",
      description =
          "serve HTTPS with this key store (PKCS#12 or JKS) holding the key and certificate"
              + " chain (default: plain HTTP, for a TLS proxy in front)")
  Path keyStore;

  @Option(
      names = "--https-keystore-password-file",
      paramLabel = "FILE",
      description = "file whose first line is the key store's password")
  Path keyStorePasswordFile;

  @Override
  public Integer call() throws Exception {
    DashboardSettings settings = settings();
    Messages messages = main.messages();
    PrintWriter out = spec.commandLine().getOut();
    try (StopSignal stop = StopSignal.install();
        Database database = readDatabase.openReadOnly(main);
        Dashboard dashboard = start(settings, database, messages)) {
      out.println("Puerto dashboard at " + dashboard.url() + " (database " + database.url() + ")");
      out.println(
          "Log in as "
              + settings.user()
              + (settings.passwordChosen()
                  ? " with the password of the password file."
                  : " with the password in " + generatedPasswordFile() + "."));
      out.println("Stop with Ctrl-C.");
      out.flush();
      while (!stop.sleep(Duration.ofHours(1))) {
        // serving: Jetty's threads answer, this one waits for the stop
      }
    }
    return ExitCode.OK;
  }

  /** A port in use, a key store that does not open: said as settings to change. */
  private static Dashboard start(DashboardSettings settings, Database database, Messages messages)
      throws ConfigException {
    try {
      return Main.dashboard(settings, database, messages);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "cannot serve on "
              + settings.bind()
              + ":"
              + settings.port()
              + (settings.tls() == null ? "" : " with the key store " + settings.tls().keyStore())
              + ": "
              + Causes.rootMessage(e)
              + " (--http-port, --http-bind"
              + (settings.tls() == null ? ")" : ", --https-keystore)"),
          e);
    }
  }

  private DashboardSettings settings() throws ConfigException {
    Config config = main.config();
    int httpPort;
    try {
      httpPort =
          port != null
              ? port
              : config
                  .get("PUERTO_HTTP_PORT", null)
                  .map(v -> new Bounds.HttpPort().convert(v))
                  .orElse(DEFAULT_PORT);
    } catch (RuntimeException e) {
      throw new ConfigException("PUERTO_HTTP_PORT: " + e.getMessage(), e);
    }
    Path file =
        config
            .get("PUERTO_HTTP_PASSWORD_FILE", passwordFile == null ? null : passwordFile.toString())
            .map(Path::of)
            .orElse(null);
    String address = config.get("PUERTO_HTTP_BIND", bind).orElse(DEFAULT_BIND);
    try {
      DashboardSettings.requireAllowed(address, file != null);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    String password =
        file != null
            ? Config.readSecretFile(file, "dashboard password")
            : generatedPassword(generatedPasswordFile());
    try {
      return new DashboardSettings(
          address,
          httpPort,
          config.get("PUERTO_HTTP_USER", user).orElse(DEFAULT_USER),
          password,
          file != null,
          tls(config));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The key store of --https-keystore and its password, or null for plain HTTP. */
  private DashboardSettings.Tls tls(Config config) throws ConfigException {
    var store = config.get("PUERTO_HTTPS_KEYSTORE", keyStore == null ? null : keyStore.toString());
    var passwordFile =
        config.get(
            "PUERTO_HTTPS_KEYSTORE_PASSWORD_FILE",
            keyStorePasswordFile == null ? null : keyStorePasswordFile.toString());
    if (store.isEmpty()) {
      if (passwordFile.isPresent()) {
        throw new ConfigException(
            "--https-keystore-password-file needs --https-keystore, the key store it opens");
      }
      return null;
    }
    if (passwordFile.isEmpty()) {
      throw new ConfigException(
          "--https-keystore needs --https-keystore-password-file, a file whose first line is"
              + " the key store's password");
    }
    return new DashboardSettings.Tls(
        Path.of(store.get()),
        Config.readSecretFile(Path.of(passwordFile.get()), "key store password"));
  }

  private Path generatedPasswordFile() throws ConfigException {
    return main.home().resolve(GENERATED_PASSWORD_FILE);
  }

  /**
   * The password kept in {@code file}, made up (192 random bits) and written there, readable by its
   * owner only, the first time.
   */
  static String generatedPassword(Path file) throws ConfigException {
    try {
      if (Files.exists(file)) {
        return Config.readSecretFile(file, "dashboard password");
      }
      if (!Files.isDirectory(file.getParent())) {
        Files.createDirectories(
            file.getParent(),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        return Config.readSecretFile(file, "dashboard password");
      }
      Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
      return password;
    } catch (IOException e) {
      throw new ConfigException(
          "cannot keep the dashboard password in "
              + file
              + ": "
              + e.getMessage()
              + "; give one with --http-password-file FILE",
          e);
    }
  }
}
