package dev.puerto.testing;

import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.store.DatabaseUnavailableException;
import java.nio.file.Path;

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

  public Database open() throws DatabaseUnavailableException {
    return Database.open(settings());
  }
}
