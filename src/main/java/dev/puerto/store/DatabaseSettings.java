package dev.puerto.store;

import java.nio.file.Path;

/**
 * How to reach the database: an external server when {@code url} is set, else the embedded
 * PostgreSQL whose data lives under {@code home}.
 *
 * <p>The URL may be a JDBC URL ({@code jdbc:postgresql://host:5432/db}) or a libpq URL as psql
 * takes it ({@code postgresql://user:pw@host:5432/db?sslmode=require}, also {@code postgres://}); a
 * libpq URL is turned into a JDBC URL here, and a user or password in it is taken out of the URL
 * and wins over {@code user} and {@code password} (as parameters of a JDBC URL do in pgjdbc).
 *
 * @param url JDBC or libpq URL of an external server, or null for the embedded default
 * @param user user for the external server, or null to take it from the URL
 * @param password password for the external server, or null; never logged or shown
 * @param home Puerto's data directory (the embedded server's data lives in {@code home/postgres})
 * @param timeouts how long to wait for the database; null for the defaults
 * @throws IllegalArgumentException when the URL is neither a JDBC nor a libpq PostgreSQL URL (the
 *     message holds no password)
 */
public record DatabaseSettings(
    String url, String user, String password, Path home, DatabaseTimeouts timeouts) {
  public DatabaseSettings {
    if (url != null && !url.isBlank()) {
      JdbcUrls.ParsedUrl parsed = JdbcUrls.parse(url);
      url = parsed.jdbcUrl();
      user = parsed.user() != null ? parsed.user() : user;
      password = parsed.password() != null ? parsed.password() : password;
    }
    timeouts = timeouts == null ? DatabaseTimeouts.defaults() : timeouts;
  }

  public DatabaseSettings(String url, String user, String password, Path home) {
    this(url, user, password, home, null);
  }

  /** The option and variable that set the read database's URL, for messages. */
  public static final String READ_SETTING = "--read-db / PUERTO_READ_DB_URL";

  /**
   * Settings for a server that only reads ({@link Database#openReadOnly}), such as a hot standby:
   * always an external server; a user or password in {@code url} wins over {@code user} and {@code
   * password}, which are the primary's.
   *
   * @throws IllegalArgumentException when the URL is neither a JDBC nor a libpq PostgreSQL URL (the
   *     message names --read-db, and holds no password)
   */
  public static DatabaseSettings forReads(
      String url, String user, String password, DatabaseTimeouts timeouts) {
    JdbcUrls.ParsedUrl parsed = JdbcUrls.parse(url, READ_SETTING);
    return new DatabaseSettings(
        parsed.jdbcUrl(),
        parsed.user() != null ? parsed.user() : user,
        parsed.password() != null ? parsed.password() : password,
        null,
        timeouts);
  }

  public boolean embedded() {
    return url == null || url.isBlank();
  }

  @Override
  public String toString() {
    return embedded()
        ? "embedded PostgreSQL in " + home
        : JdbcUrls.redact(url) + (user == null ? "" : " as " + user);
  }
}
