package dev.puerto.cli;

import dev.puerto.testing.TestDatabase;
import dev.puerto.testing.TestMailServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Environments with mailbox sections ({@code PUERTO_MAILBOX_<NAME>_<SETTING>}), for tests. */
final class MailboxSections {
  private MailboxSections() {}

  /** The database, and the trust store every section inherits; no mailbox yet. */
  static Map<String, String> base(TestDatabase database, TestMailServer mail, Path work) {
    Map<String, String> env = new HashMap<>(database.environment());
    env.put("PUERTO_TRUST_STORE", mail.trustStore().toString());
    env.put("PUERTO_TRUST_STORE_PASSWORD_FILE", mail.trustStorePasswordFile().toString());
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    return env;
  }

  /** Adds section {@code name}: HOST, PORT, USER and, unless null, PASSWORD. */
  static void add(Map<String, String> env, String name, int port, String user, String password) {
    String prefix = "PUERTO_MAILBOX_" + name.toUpperCase(Locale.ROOT) + "_";
    env.put(prefix + "HOST", TestMailServer.HOST);
    env.put(prefix + "PORT", Integer.toString(port));
    env.put(prefix + "USER", user);
    if (password != null) {
      env.put(prefix + "PASSWORD", password);
    }
  }
}
