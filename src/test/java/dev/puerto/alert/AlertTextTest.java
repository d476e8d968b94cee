package dev.puerto.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.AlertRule;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of alert, in every language, with and without the optional parts. */
class AlertTextTest {
  private static final LocalDate DAY = LocalDate.of(2026, 3, 19);

  /** One condition of each rule in each shape the text has (with and without fix, MX). */
  static List<Condition> everyKind() {
    return List.of(
        new Condition.NewFailingSource(
            "shop.example",
            "198.51.100.7",
            DAY,
            1200,
            1100,
            30,
            "unauthorized",
            "nothing passes for 198.51.100.7 and it is no known service: likely spoofing; once your own senders pass, move to p=quarantine"),
        new Condition.NewFailingSource("shop.example", "2001:db8::7", DAY, 12, 12, 30, null, null),
        new Condition.PassRateDrop("shop.example", DAY, 1000, 700, 7000, 6930),
        new Condition.SilentReporter("google.com", "shop.example", DAY.minusDays(4), 3, 7),
        new Condition.TlsFailures(
            "mail.example",
            DAY,
            1234,
            5000,
            "certificate-expired",
            1200,
            "mx1.mail.example",
            "renew"),
        new Condition.TlsFailures(
            "mail.example", DAY, 10, 0, "starttls-not-supported", 10, null, null),
        new Condition.TlsFailures("mail.example", DAY, 10, 0, null, 0, null, null),
        new Condition.RejectedInputs(
            0, 42, 1, List.of(new Condition.RejectedInputs.Example(42, "mail 7", "no report"))),
        new Condition.RejectedInputs(
            42,
            99,
            7,
            List.of(
                new Condition.RejectedInputs.Example(43, "a.xml", "not XML"),
                new Condition.RejectedInputs.Example(44, "b.zip", "zip bomb"))));
  }

  @Test
  void the_examples_cover_every_rule() {
    assertThat(everyKind().stream().map(Condition::rule).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(AlertRule.class));
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void every_kind_renders_in_every_language_without_a_missing_key_or_argument(Lang lang) {
    AlertText text = new AlertText(Messages.of(lang));
    for (Condition c : everyKind()) {
      FiredAlert alert =
          new FiredAlert(7, OffsetDateTime.parse("2026-03-20T10:15:00Z"), c, List.of());
      String title = text.title(c);
      String mail = text.mail(alert);
      assertThat(title).as("%s title", c).isNotBlank().doesNotContain("{").doesNotContain("\n");
      assertThat(mail)
          .as("%s mail", c)
          .doesNotContain("{")
          .doesNotContain("''")
          .contains(text.body(c))
          .contains("2026-03-20 10:15 UTC");
    }
  }

  @Test
  void spanish_is_spanish_with_spanish_numbers() {
    AlertText es = new AlertText(Messages.of(Lang.ES));
    Condition drop = everyKind().get(2);
    assertThat(es.title(drop))
        .isEqualTo("La tasa de aprobación DMARC de shop.example bajó al 70,0\u00a0% el 2026-03-19");
    assertThat(es.body(drop))
        .contains("El 2026-03-19, 700 de 1.000 mensajes para shop.example aprobaron DMARC")
        .contains("29,0 puntos menos")
        .contains("Qué hacer:");
    assertThat(es.title(everyKind().get(8))).isEqualTo("7 entradas rechazadas");
    assertThat(es.title(everyKind().get(7))).isEqualTo("1 entrada rechazada");
  }

  @Test
  void english_says_what_to_do() {
    AlertText en = new AlertText(Messages.of(Lang.EN));
    assertThat(en.title(everyKind().get(2)))
        .isEqualTo("DMARC pass rate of shop.example fell to 70.0% on 2026-03-19");
    assertThat(en.body(everyKind().get(2)))
        .contains(
            "against 99.0% over the 7 days before (6,930 of 7,000 messages): 29.0 points lower");
    assertThat(en.body(everyKind().get(0))).contains("What to do: nothing passes for 198.51.100.7");
    assertThat(en.body(everyKind().get(1)))
        .contains("What to do: if 2001:db8::7 sends for you")
        .contains("puerto analyze --domain shop.example");
    assertThat(en.body(everyKind().get(8)))
        .contains("Puerto could not use 7 inputs")
        .contains("input 43 (a.xml): not XML")
        .contains("and 5 more")
        .contains("status IN ('rejected', 'partial')");
  }

  @Test
  void the_payload_is_read_back_as_written() {
    for (Condition c : everyKind()) {
      assertThat(AlertJson.condition(c.rule(), AlertJson.payload(c))).isEqualTo(c);
    }
    assertThat(AlertJson.facts(everyKind().get(0)).fieldNames())
        .toIterable()
        .containsExactly(
            "domain",
            "source_ip",
            "first_day",
            "messages",
            "failing_messages",
            "unseen_days",
            "verdict",
            "fix");
  }
}
