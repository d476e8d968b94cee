package dev.puerto.testing;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.store.DatabaseUnavailableException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An empty database of the test class's own on the test server; Puerto migrates it on first open.
 *
 * @param url JDBC URL of the database
 */
public record TestDatabase(String name, String url, String user, String password) {

  /** Settings that point Puerto at this database (the home directory is unused then). */
  public DatabaseSettings settings() {
    return new DatabaseSettings(url, user, password, Path.of("unused-home"));
  }

  /** The environment variables that point {@code puerto} at this database. */
  public Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PUERTO_DB_URL", url);
    if (user != null) {
      env.put("PUERTO_DB_USER", user);
    }
    if (password != null) {
      env.put("PUERTO_DB_PASSWORD", password);
    }
    return env;
  }

  public Database open() throws DatabaseUnavailableException {
    return Database.open(settings());
  }
}
