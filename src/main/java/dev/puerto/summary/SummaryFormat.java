package dev.puerto.summary;

import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import java.util.function.BiFunction;

/**
 * The formats of the weekly summary ({@code puerto summary --format}): three for people, which
 * share one section order and speak the language they are given, and JSON for scripts, whose keys
 * and codes are the same in every language (its sentences, advice and fixes, are the summary's).
 */
public enum SummaryFormat {
  TEXT((m, s) -> new TextRenderer(m).render(s)),
  MARKDOWN((m, s) -> new MarkdownRenderer(m).render(s)),
  HTML((m, s) -> new HtmlRenderer(m).render(s)),
  JSON((m, s) -> JsonRenderer.render(s));

  private final BiFunction<Messages, WeeklySummary, String> renderer;

  SummaryFormat(BiFunction<Messages, WeeklySummary, String> renderer) {
    this.renderer = renderer;
  }

  /** The summary in {@code messages}' language. */
  public String render(WeeklySummary summary, Messages messages) {
    return renderer.apply(messages, summary);
  }

  /** The summary in English, the default language. */
  public String render(WeeklySummary summary) {
    return render(summary, Messages.of(Lang.EN));
  }
}
