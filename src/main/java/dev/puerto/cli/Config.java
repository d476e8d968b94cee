package dev.puerto.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings from the environment and the config file, which take the same keys ({@code
 * PUERTO_DB_URL=...}). Command-line options win over the environment, which wins over the file.
 */
final class Config {
  private final Map<String, String> env;
  private final Properties file;

  private Config(Map<String, String> env, Properties file) {
    this.env = env;
    this.file = file;
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
    return new Config(env, properties);
  }

  /** The value from an option, else the environment, else the config file. */
  Optional<String> get(String key, String optionValue) {
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
