package dev.puerto.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sentence for people in which some spans are code (a command, a query): HTML shows them in
 * {@code <code>}, Markdown in backticks, text and JSON as they are. Plain spans may carry report
 * data: every renderer escapes them like any data, so no markup in them is ever interpreted.
 */
public record Prose(List<Span> spans) {
  /** Part of a sentence; {@code code} for words to type (commands, SQL). */
  public record Span(String text, boolean code) {}

  public Prose {
    spans = List.copyOf(spans);
  }

  public static Prose of(String text) {
    return new Prose(List.of(new Span(text, false)));
  }

  /** This sentence followed by plain text. */
  public Prose then(String text) {
    return append(new Span(text, false));
  }

  /** This sentence followed by code. */
  public Prose code(String text) {
    return append(new Span(text, true));
  }

  /** The words without any marking, as text and JSON show them. */
  public String plain() {
    return spans.stream().map(Span::text).collect(Collectors.joining());
  }

  @Override
  public String toString() {
    return plain();
  }

  private Prose append(Span span) {
    List<Span> longer = new ArrayList<>(spans);
    longer.add(span);
    return new Prose(longer);
  }
}
