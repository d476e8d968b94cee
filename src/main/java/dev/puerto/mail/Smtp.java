package dev.puerto.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * An SMTP server as the settings name it: makes messages from the configured sender and sends a
 * batch of them over one connection, with timeouts, and TLS as the settings ask (the server's name
 * checked against its certificate).
 */
public final class Smtp {
  private static final int TIMEOUT_MILLIS = 30_000;

  private final SmtpSettings settings;
  private final Session session;

  public Smtp(SmtpSettings settings) {
    this.settings = settings;
    this.session = Session.getInstance(properties(settings));
  }

  public SmtpSettings settings() {
    return settings;
  }

  /** A message from the configured sender to {@code recipients}, subject and date set. */
  public MimeMessage message(List<String> recipients, String subject) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(settings.from(), true));
    for (String to : recipients) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    return message;
  }

  /** Sends the messages over one connection (logged in when the settings have a user). */
  public void send(List<MimeMessage> messages) throws MessagingException {
    try (Transport transport = session.getTransport()) {
      if (settings.user() != null) {
        transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
      } else {
        transport.connect(settings.host(), settings.port(), null, null);
      }
      for (MimeMessage message : messages) {
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
      }
    }
  }

  private static Properties properties(SmtpSettings settings) {
    Properties p = new Properties();
    boolean smtps = settings.security() == SmtpSettings.Security.SMTPS;
    String protocol = smtps ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "host", settings.host());
    p.put(prefix + "port", Integer.toString(settings.port()));
    p.put(prefix + "auth", Boolean.toString(settings.user() != null));
    p.put(prefix + "connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
    p.put(prefix + "timeout", Integer.toString(TIMEOUT_MILLIS));
    p.put(prefix + "writetimeout", Integer.toString(TIMEOUT_MILLIS));
    if (settings.security() == SmtpSettings.Security.STARTTLS) {
      p.put(prefix + "starttls.enable", "true");
      p.put(prefix + "starttls.required", "true");
    }
    if (settings.security() != SmtpSettings.Security.PLAIN) {
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    return p;
  }
}
