package dev.puerto.summary;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.mail.Smtp;
import dev.puerto.mail.SmtpSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the summary by SMTP, one message per domain, each multipart/alternative with the text and
 * the HTML rendering, so that every recipient's client shows the best part it can.
 */
public final class SummaryMailer {
  private final Smtp smtp;
  private final Messages messages;

  /** Mails the summary in English. */
  public SummaryMailer(SmtpSettings settings) {
    this(settings, Messages.of(Lang.EN));
  }

  /** Mails the summary, subject and both parts, in {@code messages}' language. */
  public SummaryMailer(SmtpSettings settings, Messages messages) {
    this.smtp = new Smtp(settings);
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
    List<DomainSummary> domains =
        summary.domains().stream().filter(d -> includeEmpty || !d.nothingReported()).toList();
    List<MimeMessage> mails = new ArrayList<>();
    for (DomainSummary d : domains) {
      WeeklySummary one = new WeeklySummary(summary.week(), List.of(d), summary.rejectedInputs());
      mails.add(message(one, d, recipients));
    }
    smtp.send(mails);
    return domains.stream().map(d -> subject(d, messages)).toList();
  }

  private MimeMessage message(WeeklySummary one, DomainSummary d, List<String> recipients)
      throws MessagingException {
    MimeMessage message = smtp.message(recipients, subject(d, messages));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(SummaryFormat.TEXT.render(one, messages), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(SummaryFormat.HTML.render(one, messages), StandardCharsets.UTF_8.name(), "html");
    // Least preferred first, as RFC 2046 asks for multipart/alternative.
    MimeMultipart alternative = new MimeMultipart("alternative", text, html);
    message.setContent(alternative);
    return message;
  }
}
