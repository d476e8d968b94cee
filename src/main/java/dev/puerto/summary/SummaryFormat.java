package dev.puerto.summary;

import java.util.function.Function;

/**
 * The formats of the weekly summary ({@code puerto summary --format}): three for people, which
 * share one section order, and JSON for scripts.
 */
public enum SummaryFormat {
  TEXT(new TextRenderer()::render),
  MARKDOWN(new MarkdownRenderer()::render),
  HTML(new HtmlRenderer()::render),
  JSON(JsonRenderer::render);

  private final Function<WeeklySummary, String> renderer;

  SummaryFormat(Function<WeeklySummary, String> renderer) {
    this.renderer = renderer;
  }

  public String render(WeeklySummary summary) {
    return renderer.apply(summary);
  }
}
