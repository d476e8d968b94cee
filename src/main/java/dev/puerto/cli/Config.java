package dev.puerto.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings from the environment and the config file, which take the same keys ({@code
 * PUERTO_DB_URL=...}). Command-line options win over the environment, which wins over the file.
 *
 * <p>A {@linkplain #section section view} is one mailbox of several ({@link Mailboxes}): there a
 * mailbox setting ({@link #sectionSetting}) is looked up in the section instead.
 */
final class Config {
  private static final String IMAP_PREFIX = "PUERTO_IMAP_";
  private static final String TRUST_STORE_PREFIX = "PUERTO_TRUST_STORE";

  private final Map<String, String> env;
  private final Properties file;
  private final Section section;

  /**
   * One mailbox's section: its settings by name (HOST for PUERTO_MAILBOX_SALES_HOST), and the keys
   * of the settings looked up so far (PUERTO_IMAP_HOST), so that a setting nothing reads can be
   * reported.
   */
  private record Section(Map<String, String> settings, Set<String> asked) {}

  private Config(Map<String, String> env, Properties file, Section section) {
    this.env = env;
    this.file = file;
    this.section = section;
  }

  /**
   * Reads {@code configFile}, or the default config file when it is null (a missing default file is
   * fine; a missing named file is an error).
   */
  static Config load(Map<String, String> env, Path configFile) throws ConfigException {
    Path path = configFile != null ? configFile : defaultConfigFile(env);
    Properties properties = new Properties();
    if (configFile != null && !Files.isRegularFile(configFile)) {
      throw new ConfigException("config file " + configFile + " does not exist");
    }
    if (Files.isRegularFile(path)) {
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
      }
    }
    return new Config(env, properties, null);
  }

  /**
   * The view of one mailbox section: a mailbox setting (PUERTO_IMAP_HOST) is the section's (HOST in
   * {@code settings}), else, for the trust store only, the global key; every other key is global.
   * The mailbox keys looked up are added to {@code asked}.
   */
  Config section(Map<String, String> settings, Set<String> asked) {
    return new Config(env, file, new Section(Map.copyOf(settings), asked));
  }

  /**
   * The name a key has in a mailbox section: PUERTO_IMAP_HOST is HOST, PUERTO_TRUST_STORE is
   * TRUST_STORE; empty for keys of the whole process.
   */
  static Optional<String> sectionSetting(String key) {
    if (key.startsWith(IMAP_PREFIX)) {
      return Optional.of(key.substring(IMAP_PREFIX.length()));
    }
    if (key.startsWith(TRUST_STORE_PREFIX)) {
      return Optional.of(key.substring("PUERTO_".length()));
    }
    return Optional.empty();
  }

  /** Settings a section takes from the global key when it has none of its own. */
  static boolean inheritedBySections(String key) {
    return key.startsWith(TRUST_STORE_PREFIX);
  }

  /**
   * The value from an option, else the environment, else the config file; in a section view, a
   * mailbox setting from the option, else the section.
   */
  Optional<String> get(String key, String optionValue) {
    Optional<String> setting = section == null ? Optional.empty() : sectionSetting(key);
    if (setting.isEmpty()) {
      return global(key, optionValue);
    }
    section.asked().add(key);
    Optional<String> own =
        optionValue != null && !optionValue.isBlank()
            ? Optional.of(optionValue)
            : Optional.ofNullable(section.settings().get(setting.get()));
    return own.isPresent() || !inheritedBySections(key) ? own : global(key, null);
  }

  /**
   * Every key set in the environment or the file that starts with {@code prefix}, and its value.
   */
  Map<String, String> keysStartingWith(String prefix) {
    Map<String, String> found = new TreeMap<>();
    file.stringPropertyNames().stream()
        .filter(key -> key.startsWith(prefix))
        .forEach(key -> global(key, null).ifPresent(value -> found.put(key, value)));
    env.keySet().stream()
        .filter(key -> key.startsWith(prefix))
        .forEach(key -> global(key, null).ifPresent(value -> found.put(key, value)));
    return found;
  }

  private Optional<String> global(String key, String optionValue) {
    if (optionValue != null && !optionValue.isBlank()) {
      return Optional.of(optionValue);
    }
    String fromEnv = env.get(key);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv);
    }
    return Optional.ofNullable(file.getProperty(key)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * Puerto's data directory: PUERTO_HOME, else $XDG_DATA_HOME/puerto, else ~/.local/share/puerto.
   */
  Path home(String optionValue) {
    return get("PUERTO_HOME", optionValue)
        .map(Path::of)
        .orElseGet(() -> xdg(env, "XDG_DATA_HOME", ".local/share").resolve("puerto"));
  }

  static Path defaultConfigFile(Map<String, String> env) {
    return xdg(env, "XDG_CONFIG_HOME", ".config").resolve("puerto").resolve("puerto.conf");
  }

  /** A secret from a file (first line, trimmed), so it never has to appear in argv. */
  static String readSecretFile(Path file, String what) throws ConfigException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .findFirst()
          .map(String::strip)
          .orElseThrow(() -> new ConfigException(what + " file " + file + " is empty"));
    } catch (IOException e) {
      throw new ConfigException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path xdg(Map<String, String> env, String variable, String fallbackUnderHome) {
    String base = env.get(variable);
    if (base != null && !base.isBlank()) {
      return Path.of(base);
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")))
        .resolve(fallbackUnderHome);
  }
}
