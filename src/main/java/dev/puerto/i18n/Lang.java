package dev.puerto.i18n;

import java.util.Locale;

/** The languages Puerto speaks; {@code --lang} and {@code PUERTO_LANG} name one by its tag. */
public enum Lang {
  EN(Locale.ENGLISH),
  ES(Locale.forLanguageTag("es"));

  private final Locale locale;

  Lang(Locale locale) {
    this.locale = locale;
  }

  public Locale locale() {
    return locale;
  }

  /** The tag users write: {@code en}, {@code es}. */
  public String tag() {
    return locale.getLanguage();
  }

  /**
   * The language for a tag such as {@code es}, {@code es-ES} or {@code es_MX.UTF-8} (a POSIX locale
   * name, as in {@code LANG}); only the language part counts.
   */
  public static Lang parse(String tag) {
    String language = tag.strip().toLowerCase(Locale.ROOT).split("[-_.@]", 2)[0];
    for (Lang lang : values()) {
      if (lang.tag().equals(language)) {
        return lang;
      }
    }
    throw new IllegalArgumentException("language must be one of en, es, not '" + tag.strip() + "'");
  }
}
