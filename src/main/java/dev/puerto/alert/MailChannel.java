package dev.puerto.alert;

import dev.puerto.mail.Smtp;
import dev.puerto.mail.SmtpSettings;
import dev.puerto.schema.AlertChannel;
import dev.puerto.terminal.ControlChars;
import dev.puerto.tools.Causes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Alerts by SMTP, one plain-text message per alert, with the summary's mail settings. */
public final class MailChannel implements Channel {
  private final Smtp smtp;
  private final List<String> recipients;
  private final AlertText text;

  public MailChannel(SmtpSettings settings, List<String> recipients, AlertText text) {
    this.smtp = new Smtp(settings);
    this.recipients = List.copyOf(recipients);
    this.text = text;
  }

  @Override
  public AlertChannel kind() {
    return AlertChannel.MAIL;
  }

  @Override
  public void deliver(FiredAlert alert) throws DeliveryException {
    try {
      // Reporter names, MX hosts and input origins come from outside: no control characters.
      MimeMessage message =
          smtp.message(recipients, ControlChars.escapeLine(text.title(alert.condition())));
      message.setText(ControlChars.escape(text.mail(alert)), StandardCharsets.UTF_8.name());
      message.setHeader("X-Puerto-Alert", alert.id() + " " + alert.condition().rule().code());
      smtp.send(List.of(message));
    } catch (MessagingException e) {
      SmtpSettings s = smtp.settings();
      throw new DeliveryException(
          "cannot mail via "
              + s.host()
              + ":"
              + s.port()
              + ": "
              + Causes.rootMessage(e)
              + " (check PUERTO_SMTP_HOST, PUERTO_SMTP_PORT, PUERTO_SMTP_SECURITY and the"
              + " credentials)");
    }
  }
}
