package dev.puerto.summary;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends the summary by SMTP, one message per domain, each multipart/alternative with the text and
 * the HTML rendering, so that every recipient's client shows the best part it can.
 */
public final class SummaryMailer {
  private static final int TIMEOUT_MILLIS = 30_000;

  private final SmtpSettings settings;
  private final Messages messages;

  /** Mails the summary in English. */
  public SummaryMailer(SmtpSettings settings) {
    this(settings, Messages.of(Lang.EN));
  }

  /** Mails the summary, subject and both parts, in {@code messages}' language. */
  public SummaryMailer(SmtpSettings settings, Messages messages) {
    this.settings = settings;
    this.messages = messages;
  }

  /** The subject of a one-domain summary in English: domain, week, and DMARC pass rate. */
  public static String subject(DomainSummary d) {
    return subject(d, Messages.of(Lang.EN));
  }

  /** The subject of a one-domain summary: domain, week, and DMARC pass rate. */
  public static String subject(DomainSummary d, Messages m) {
    if (d.empty() && !d.nothingReported()) {
      // Only failure or TLS reports: a pass rate of no messages would read as 0% passing.
      return m.text("summary.mail.subject.noAggregate", d.domain(), d.week().toString());
    }
    return m.text(
        "summary.mail.subject",
        d.domain(),
        d.week().toString(),
        m.percent(d.counts().dmarcPassRate()),
        m.counted("summary.n.message", d.counts().messages()));
  }

  /**
   * Sends one message per domain of the summary that has data (and per empty domain too when {@code
   * includeEmpty}); returns the subjects sent.
   */
  public List<String> send(WeeklySummary summary, List<String> recipients, boolean includeEmpty)
      throws MessagingException {
    Session session = Session.getInstance(properties());
    List<DomainSummary> domains =
        summary.domains().stream().filter(d -> includeEmpty || !d.nothingReported()).toList();
    try (Transport transport = session.getTransport()) {
      if (settings.user() != null) {
        transport.connect(settings.host(), settings.port(), settings.user(), settings.password());
      } else {
        transport.connect(settings.host(), settings.port(), null, null);
      }
      for (DomainSummary d : domains) {
        WeeklySummary one = new WeeklySummary(summary.week(), List.of(d), summary.rejectedInputs());
        MimeMessage message = message(session, one, d, recipients);
        transport.sendMessage(message, message.getAllRecipients());
      }
    }
    return domains.stream().map(d -> subject(d, messages)).toList();
  }

  private MimeMessage message(
      Session session, WeeklySummary one, DomainSummary d, List<String> recipients)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(settings.from(), true));
    for (String to : recipients) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    message.setSubject(subject(d, messages), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(SummaryFormat.TEXT.render(one, messages), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(SummaryFormat.HTML.render(one, messages), StandardCharsets.UTF_8.name(), "html");
    // Least preferred first, as RFC 2046 asks for multipart/alternative.
    MimeMultipart alternative = new MimeMultipart("alternative", text, html);
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }

  private Properties properties() {
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
