package dev.puerto.summary;

import java.util.function.Function;

/** The summary's output formats. */
public enum Format {
  TEXT(TextRenderer::render),
  MARKDOWN(MarkdownRenderer::render),
  HTML(HtmlRenderer::render),
  JSON(JsonRenderer::render);

  private final Function<WeeklySummary, String> renderer;

  Format(Function<WeeklySummary, String> renderer) {
    this.renderer = renderer;
  }

  public String render(WeeklySummary summary) {
    return renderer.apply(summary);
  }
}
