package dev.puerto.mail;

/**
 * Where and how Puerto sends mail (the summary, alerts): one SMTP server, one sender.
 *
 * @param user null to send without authentication
 * @param password never logged or shown; null without a user
 */
public record SmtpSettings(
    String host, int port, Security security, String user, String password, String from) {
  /** SMTPS: TLS from the start (port 465); STARTTLS: upgrade required (587); PLAIN: no TLS. */
  public enum Security {
    SMTPS,
    STARTTLS,
    PLAIN
  }

  @Override
  public String toString() {
    return "SmtpSettings["
        + host
        + ":"
        + port
        + " "
        + security
        + " user="
        + user
        + " from="
        + from
        + "]";
  }
}
