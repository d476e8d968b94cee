package dev.puerto.cli;

import dev.puerto.alert.AlertSettings;
import dev.puerto.alert.AlertText;
import dev.puerto.alert.Channel;
import dev.puerto.alert.MailChannel;
import dev.puerto.alert.WebhookChannel;
import dev.puerto.alert.WebhookSettings;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.AlertRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts' settings from the PUERTO_ALERT_* keys (environment or config file), read and checked
 * in this one place for {@code alerts check}, {@code watch}, {@code import} and {@code fetch}. Each
 * error names the key and its bounds.
 */
final class AlertConfig {
  static final String OFF = "PUERTO_ALERT_OFF";
  static final String MAIL_TO = "PUERTO_ALERT_MAIL_TO";
  static final String WEBHOOK_URL = "PUERTO_ALERT_WEBHOOK_URL";
  static final String WEBHOOK_SECRET_FILE = "PUERTO_ALERT_WEBHOOK_SECRET_FILE";
  static final String WEBHOOK_TIMEOUT = "PUERTO_ALERT_WEBHOOK_TIMEOUT";
  static final String WEBHOOK_ATTEMPTS = "PUERTO_ALERT_WEBHOOK_ATTEMPTS";
  static final String WEBHOOK_RETRY = "PUERTO_ALERT_WEBHOOK_RETRY";
  static final String INTERVAL = "PUERTO_ALERTS_INTERVAL";

  /** The webhook's secret is at least this long: an HMAC key shorter than that is guessable. */
  static final int MIN_SECRET_BYTES = 16;

  private final Config config;
  private final Lang lang;

  /**
   * @param lang the language people read, as {@code Main.messages()} decides it
   */
  AlertConfig(Config config, Lang lang) {
    this.config = config;
    this.lang = lang;
  }

  /** True when alerts go somewhere: import, fetch and watch evaluate them only then. */
  boolean delivering() {
    return config.get(MAIL_TO, null).isPresent() || config.get(WEBHOOK_URL, null).isPresent();
  }

  /** How often watch evaluates the rules besides after each import (default 15m). */
  Duration interval() throws ConfigException {
    return ImapOptions.duration(INTERVAL, config.get(INTERVAL, null), Duration.ofMinutes(15));
  }

  AlertSettings settings() throws ConfigException {
    AlertSettings d = AlertSettings.defaults();
    return new AlertSettings(
        rules(),
        number("PUERTO_ALERT_NEW_SOURCE_MESSAGES", d.newSourceMessages(), 1, 1_000_000_000),
        number("PUERTO_ALERT_NEW_SOURCE_DAYS", d.newSourceDays(), 1, 365),
        number("PUERTO_ALERT_PASS_RATE_DROP", d.passRateDropPoints(), 1, 100),
        number("PUERTO_ALERT_PASS_RATE_MIN_MESSAGES", d.passRateMinMessages(), 1, 1_000_000_000),
        number("PUERTO_ALERT_SILENT_DAYS", d.silentDays(), 1, 60),
        number("PUERTO_ALERT_TLS_FAILURES", d.tlsFailedSessions(), 1, 1_000_000_000),
        number("PUERTO_ALERT_REJECTED_INPUTS", d.rejectedInputs(), 1, 1_000_000),
        lang());
  }

  Lang lang() {
    return lang;
  }

  /** The channels configured: mail with the summary's SMTP settings, the webhook. */
  List<Channel> channels(SmtpOptions smtp, Clock clock) throws ConfigException {
    AlertText text = new AlertText(Messages.of(lang()));
    List<Channel> channels = new ArrayList<>();
    Optional<String> to = config.get(MAIL_TO, null);
    if (to.isPresent()) {
      List<String> recipients =
          Arrays.stream(to.get().split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
      channels.add(new MailChannel(smtp.settings(config, MAIL_TO), recipients, text));
    }
    Optional<String> url = config.get(WEBHOOK_URL, null);
    if (url.isPresent()) {
      channels.add(new WebhookChannel(webhook(url.get()), text, clock));
    }
    return channels;
  }

  private WebhookSettings webhook(String url) throws ConfigException {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new ConfigException(WEBHOOK_URL + " is not a URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new ConfigException(
          WEBHOOK_URL + " must be an https:// (or http://) URL with a host, not '" + url + "'");
    }
    Path secretFile =
        config
            .get(WEBHOOK_SECRET_FILE, null)
            .map(Path::of)
            .orElseThrow(
                () ->
                    new ConfigException(
                        WEBHOOK_URL
                            + " needs "
                            + WEBHOOK_SECRET_FILE
                            + ": a file whose first line is the secret the webhook is signed"
                            + " with"));
    byte[] secret =
        Config.readSecretFile(secretFile, "webhook secret").getBytes(StandardCharsets.UTF_8);
    if (secret.length < MIN_SECRET_BYTES) {
      throw new ConfigException(
          "the webhook secret in "
              + secretFile
              + " must be at least "
              + MIN_SECRET_BYTES
              + " bytes long (e.g. openssl rand -hex 32)");
    }
    return new WebhookSettings(
        uri,
        secret,
        ImapOptions.duration(
            WEBHOOK_TIMEOUT, config.get(WEBHOOK_TIMEOUT, null), Duration.ofSeconds(10)),
        number(WEBHOOK_ATTEMPTS, 4, 1, 10),
        ImapOptions.duration(
            WEBHOOK_RETRY, config.get(WEBHOOK_RETRY, null), Duration.ofSeconds(1)));
  }

  private Set<AlertRule> rules() throws ConfigException {
    Set<AlertRule> on = EnumSet.allOf(AlertRule.class);
    Optional<String> off = config.get(OFF, null);
    if (off.isEmpty()) {
      return on;
    }
    for (String name : off.get().split(",")) {
      String code = name.strip().toLowerCase(Locale.ROOT);
      if (code.isEmpty()) {
        continue;
      }
      AlertRule rule =
          Arrays.stream(AlertRule.values())
              .filter(r -> r.code().equals(code))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigException(
                          OFF
                              + " names rules to turn off, among "
                              + String.join(
                                  ", ",
                                  Arrays.stream(AlertRule.values()).map(r -> r.code()).toList())
                              + "; not '"
                              + name.strip()
                              + "'"));
      on.remove(rule);
    }
    return on;
  }

  private int number(String key, int fallback, int min, int max) throws ConfigException {
    Optional<String> value = config.get(key, null);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Bounds.parse(value.get(), min, max);
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new ConfigException(key + " " + e.getMessage(), e);
    }
  }
}
