package dev.puerto.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.puerto.mail.SmtpSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SummaryMailerTest {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("puerto", "s3cret"));

  private SummaryMailer mailer(String password) {
    return new SummaryMailer(
        new SmtpSettings(
            "127.0.0.1",
            SMTP.getSmtp().getPort(),
            SmtpSettings.Security.PLAIN,
            "puerto",
            password,
            "puerto@example.com"));
  }

  @Test
  void each_domain_with_data_is_one_multipart_alternative_message_with_text_and_html()
      throws Exception {
    List<String> subjects =
        mailer("s3cret").send(Summaries.full(), List.of("postmaster@example.com"), false);

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage message = received[0];
    assertThat(message.getSubject())
        .isEqualTo("DMARC example.com 2026-W47: 98.9% pass (28,000 messages)")
        .isEqualTo(subjects.get(0));
    assertThat(message.getFrom()[0].toString()).isEqualTo("puerto@example.com");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
    assertThat((String) parts.getBodyPart(0).getContent())
        .contains("== example.com")
        .doesNotContain("example.net");
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains("<h2")
        .contains("1 input received in 2026-W47 was rejected");
  }

  @Test
  void empty_domains_are_sent_only_when_asked() throws Exception {
    mailer("s3cret").send(Summaries.full(), List.of("a@example.com", "b@other.test"), true);

    // Two messages (one per domain), each delivered to both recipients.
    assertThat(SMTP.getReceivedMessages()).hasSize(4);
    assertThat(SMTP.getReceivedMessages())
        .extracting(MimeMessage::getSubject)
        .containsOnly(
            "DMARC example.com 2026-W47: 98.9% pass (28,000 messages)",
            "DMARC example.net 2026-W47: 0% pass (0 messages)");
  }

  @Test
  void a_wrong_password_fails_without_sending() {
    assertThatThrownBy(
            () -> mailer("wrong").send(Summaries.full(), List.of("a@example.com"), false))
        .isInstanceOf(MessagingException.class);
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }
}
