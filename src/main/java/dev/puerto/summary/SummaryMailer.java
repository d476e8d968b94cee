package dev.puerto.summary;

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

  public SummaryMailer(SmtpSettings settings) {
    this.smtp = new Smtp(settings);
  }

  /** The subject of a one-domain summary: domain, week, and DMARC pass rate. */
  public static String subject(DomainSummary d) {
    if (d.empty() && !d.nothingReported()) {
      // Only failure or TLS reports: a pass rate of no messages would read as 0% passing.
      return "DMARC " + d.domain() + " " + d.week() + ": no aggregate reports";
    }
    return "DMARC "
        + d.domain()
        + " "
        + d.week()
        + ": "
        + Numbers.percent(d.counts().dmarcPassRate())
        + " pass ("
        + Numbers.counted(d.counts().messages(), "message")
        + ")";
  }

  /**
   * Sends one message per domain of the summary that has data (and per empty domain too when {@code
   * includeEmpty}); returns the subjects sent.
   */
  public List<String> send(WeeklySummary summary, List<String> recipients, boolean includeEmpty)
      throws MessagingException {
    List<DomainSummary> domains =
        summary.domains().stream().filter(d -> includeEmpty || !d.nothingReported()).toList();
    List<MimeMessage> messages = new ArrayList<>();
    for (DomainSummary d : domains) {
      WeeklySummary one = new WeeklySummary(summary.week(), List.of(d), summary.rejectedInputs());
      messages.add(message(one, d, recipients));
    }
    smtp.send(messages);
    return domains.stream().map(SummaryMailer::subject).toList();
  }

  private MimeMessage message(WeeklySummary one, DomainSummary d, List<String> recipients)
      throws MessagingException {
    MimeMessage message = smtp.message(recipients, subject(d));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(SummaryFormat.TEXT.render(one), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(SummaryFormat.HTML.render(one), StandardCharsets.UTF_8.name(), "html");
    // Least preferred first, as RFC 2046 asks for multipart/alternative.
    MimeMultipart alternative = new MimeMultipart("alternative", text, html);
    message.setContent(alternative);
    return message;
  }
}
