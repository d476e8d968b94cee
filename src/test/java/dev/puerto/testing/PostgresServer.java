package dev.puerto.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run against, in this order: the server named by {@code
 * PUERTO_TEST_DB_URL}, else a Testcontainers container when a Docker engine answers, else an
 * embedded PostgreSQL. Each test class gets a database of its own on it.
 */
final class PostgresServer implements AutoCloseable {
  private static final Duration DOCKER_PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final String adminUrl;
  private final String user;
  private final String password;
  private final AutoCloseable owned;
  private final String description;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(
      String adminUrl, String user, String password, AutoCloseable owned, String description) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.owned = owned;
    this.description = description;
  }

  static PostgresServer start() throws Exception {
    String external = System.getenv("PUERTO_TEST_DB_URL");
    if (external != null && !external.isBlank()) {
      return new PostgresServer(
          external,
          System.getenv("PUERTO_TEST_DB_USER"),
          System.getenv("PUERTO_TEST_DB_PASSWORD"),
          null,
          "PUERTO_TEST_DB_URL");
    }
    if (dockerAnswers()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
      container.start();
      return new PostgresServer(
          container.getJdbcUrl(),
          container.getUsername(),
          container.getPassword(),
          container,
          "Testcontainers");
    }
    EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
    return new PostgresServer(
        embedded.getJdbcUrl("postgres", "postgres"), null, null, embedded, "embedded PostgreSQL");
  }

  String description() {
    return description;
  }

  /** Creates an empty database and returns its JDBC URL. */
  TestDatabase createDatabase() throws SQLException {
    String name =
        "puerto_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (Connection admin = connect(adminUrl);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    }
    return new TestDatabase(name, withDatabase(adminUrl, name), user, password);
  }

  void dropDatabase(String name) throws SQLException {
    try (Connection admin = connect(adminUrl);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  @Override
  public void close() throws Exception {
    if (owned != null) {
      owned.close();
    }
  }

  private Connection connect(String url) throws SQLException {
    return user == null
        ? DriverManager.getConnection(url)
        : DriverManager.getConnection(url, user, password);
  }

  /** Replaces the database name in a JDBC URL, keeping host, port and parameters. */
  static String withDatabase(String url, String database) {
    return url.replaceFirst("^(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + database);
  }

  private static boolean dockerAnswers() {
    CompletableFuture<Boolean> probe =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return DockerClientFactory.instance().isDockerAvailable();
              } catch (RuntimeException e) {
                return false;
              }
            });
    try {
      return probe.get(DOCKER_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      probe.cancel(true);
      return false;
    }
  }
}
