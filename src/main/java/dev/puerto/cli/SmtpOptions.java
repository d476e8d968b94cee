package dev.puerto.cli;

import dev.puerto.mail.SmtpSettings;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The SMTP server Puerto mails through (the summary, alerts): the one place its options and
 * PUERTO_SMTP_* keys are read and checked. A command without these options (watch) reads the keys
 * alone from a fresh instance.
 */
final class SmtpOptions {
  @Option(names = "--smtp-host", paramLabel = "HOST", description = "SMTP server")
  String smtpHost;

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      converter = Bounds.Port.class,
      description = "SMTP port (default 465 for smtps, 587 for starttls, 25 for plain)")
  Integer smtpPort;

  @Option(
      names = "--smtp-security",
      paramLabel = "MODE",
      description = "smtps, starttls (default) or plain (no TLS: only on a trusted network)")
  SmtpSettings.Security smtpSecurity;

  @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP user, if it needs one")
  String smtpUser;

  @Option(
      names = "--smtp-password-file",
      paramLabel = "FILE",
      description = "file whose first line is the SMTP password (env PUERTO_SMTP_PASSWORD)")
  Path smtpPasswordFile;

  @Option(names = "--mail-from", paramLabel = "ADDR", description = "sender address")
  String mailFrom;

  /**
   * The settings from these options, else the environment and config file.
   *
   * @param needed what needs them, for the errors ("--mail-to", "PUERTO_ALERT_MAIL_TO")
   */
  SmtpSettings settings(Config config, String needed) throws ConfigException {
    String host =
        config
            .get("PUERTO_SMTP_HOST", smtpHost)
            .orElseThrow(
                () ->
                    new ConfigException(
                        needed + " needs an SMTP server: give --smtp-host or PUERTO_SMTP_HOST"));
    SmtpSettings.Security security;
    try {
      security =
          smtpSecurity != null
              ? smtpSecurity
              : SmtpSettings.Security.valueOf(
                  config
                      .get("PUERTO_SMTP_SECURITY", null)
                      .orElse("starttls")
                      .toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("PUERTO_SMTP_SECURITY must be smtps, starttls or plain", e);
    }
    int port;
    try {
      port =
          smtpPort != null
              ? smtpPort
              : config
                  .get("PUERTO_SMTP_PORT", null)
                  .map(value -> Bounds.parse(value, 1, 65535))
                  .orElse(
                      switch (security) {
                        case SMTPS -> 465;
                        case STARTTLS -> 587;
                        case PLAIN -> 25;
                      });
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new ConfigException("PUERTO_SMTP_PORT " + e.getMessage(), e);
    }
    String user = config.get("PUERTO_SMTP_USER", smtpUser).orElse(null);
    String password =
        smtpPasswordFile != null
            ? Config.readSecretFile(smtpPasswordFile, "SMTP password")
            : config.get("PUERTO_SMTP_PASSWORD", null).orElse(null);
    if (user != null && password == null) {
      throw new ConfigException(
          "SMTP user "
              + user
              + " has no password: give --smtp-password-file or PUERTO_SMTP_PASSWORD");
    }
    String from =
        config
            .get("PUERTO_MAIL_FROM", mailFrom)
            .orElseThrow(
                () ->
                    new ConfigException(
                        needed + " needs a sender: give --mail-from or PUERTO_MAIL_FROM"));
    return new SmtpSettings(host, port, security, user, password, from);
  }
}
