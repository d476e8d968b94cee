package dev.puerto.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static Properties bundle(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream("/dev/puerto/i18n/" + name)) {
      assertThat(in).as(name).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  @Test
  void everyLanguageHasEveryKeyAndNoOther() throws IOException {
    Properties english = bundle("messages.properties");
    Properties spanish = bundle("messages_es.properties");
    assertThat(spanish.stringPropertyNames())
        .as("keys of messages_es.properties")
        .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
  }

  @Test
  void everyPatternIsAValidMessageFormatWithTheSameArguments() throws IOException {
    Properties english = bundle("messages.properties");
    Properties spanish = bundle("messages_es.properties");
    for (String key : english.stringPropertyNames()) {
      MessageFormat en = new MessageFormat(english.getProperty(key), Locale.ENGLISH);
      MessageFormat es = new MessageFormat(spanish.getProperty(key, ""), Lang.ES.locale());
      assertThat(es.getFormatsByArgumentIndex().length)
          .as("arguments of %s", key)
          .isEqualTo(en.getFormatsByArgumentIndex().length);
    }
  }

  @Test
  void numbersAndRatesAreWrittenTheLanguagesWay() {
    Messages en = Messages.of(Lang.EN);
    Messages es = Messages.of(Lang.ES);
    assertThat(en.number(1234567)).isEqualTo("1,234,567");
    assertThat(es.number(1234567)).isEqualTo("1.234.567");
    assertThat(es.number(4321)).isEqualTo("4.321");
    assertThat(en.percent(0.98765)).isEqualTo("98.8%");
    assertThat(es.percent(0.98765)).isEqualTo("98,8\u00a0%");
    assertThat(en.percent(0.99999)).isEqualTo("99.9%");
    assertThat(en.percent(1)).isEqualTo("100%");
    assertThat(en.percent(0)).isEqualTo("0%");
  }

  @Test
  void dayNamesFollowTheLanguage() {
    LocalDate monday = LocalDate.of(2026, 3, 9);
    assertThat(Messages.of(Lang.EN).day(monday)).isEqualTo("Mon 2026-03-09");
    assertThat(Messages.of(Lang.ES).day(monday)).isEqualTo("lun 2026-03-09");
  }

  @Test
  void theLanguageAskedForWinsOverTheMachinesDefault() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Lang.ES.locale());
      assertThat(Messages.of(Lang.EN).percent(0.5)).isEqualTo("50.0%");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void anUnknownKeyIsABugNotAWord() {
    assertThatThrownBy(() -> Messages.of(Lang.EN).text("no.such.key"))
        .isInstanceOf(MissingResourceException.class);
  }

  @Test
  void languageTagsAreReadAsUsersWriteThem() {
    assertThat(Lang.parse("es")).isEqualTo(Lang.ES);
    assertThat(Lang.parse("es_MX.UTF-8")).isEqualTo(Lang.ES);
    assertThat(Lang.parse(" EN-gb ")).isEqualTo(Lang.EN);
    assertThatThrownBy(() -> Lang.parse("fr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("language must be one of en, es, not 'fr'");
  }
}
