package dev.puerto.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlCharsTest {
  /** ESC sequences that set the window title and clear the screen, BEL, a C1 CSI, bidi override. */
  static final String POISON = "a\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eb";

  @Test
  void c0_controls_other_than_newline_and_tab_are_escaped_as_hex() {
    assertThat(ControlChars.escape("\u0000\u0001\u0007\b\r\u001b\u001f"))
        .isEqualTo("\\x00\\x01\\x07\\x08\\x0d\\x1b\\x1f");
    assertThat(ControlChars.escape("line\n\tindented")).isEqualTo("line\n\tindented");
  }

  @Test
  void del_c1_and_bidi_controls_are_escaped_as_unicode() {
    assertThat(ControlChars.escape("\u007f\u0080\u0085\u009b\u009f"))
        .isEqualTo("\\u007f\\u0080\\u0085\\u009b\\u009f");
    assertThat(
            ControlChars.escape(
                "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
        .isEqualTo(
            "\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068"
                + "\\u2069");
  }

  @Test
  void ordinary_text_is_left_alone_and_not_copied() {
    String text = "Mail.Ru, Wirtualna Polska, Łódź, 日本, emoji \uD83D\uDE00, ~/.config, \\x1b";
    assertThat(ControlChars.escape(text)).isSameAs(text);
    assertThat(ControlChars.escape("\u00a0\u00ff\u200b\u2028"))
        .isEqualTo("\u00a0\u00ff\u200b\u2028");
  }

  @Test
  void one_line_escaping_also_shows_newlines_and_tabs() {
    assertThat(ControlChars.escapeLine("a\nb\tc\u001b")).isEqualTo("a\\nb\\tc\\x1b");
  }

  @Test
  void the_escaping_writer_escapes_whatever_way_text_is_written() {
    StringWriter sink = new StringWriter();
    try (PrintWriter out = new PrintWriter(new EscapingWriter(sink))) {
      out.print(POISON);
      out.write(POISON.toCharArray(), 1, 5);
      out.write('\u001b');
      out.printf("%s%n", "\u202e");
    }
    assertThat(sink.toString())
        .isEqualTo(
            "a\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202eb"
                + "\\x1b]0;p"
                + "\\x1b"
                + "\\u202e"
                + System.lineSeparator());
  }

  @Test
  void json_stays_valid_and_means_the_same_after_escaping() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String written = json.writeValueAsString(Map.of("org", POISON + "\u007f\u0085"));
    StringWriter sink = new StringWriter();
    try (PrintWriter out = new PrintWriter(new EscapingWriter(sink))) {
      out.print(written);
    }

    assertThat(sink.toString()).doesNotContain("\u007f", "\u0085", "\u202e", "\u009b");
    assertThat(json.readTree(sink.toString()).get("org").asText())
        .isEqualTo(POISON + "\u007f\u0085");
  }

  @Test
  void the_unescaped_writer_shares_the_stream_and_keeps_the_order() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintWriter escaping = TerminalOutput.escaping(bytes);
    PrintWriter raw = TerminalOutput.unescaped(escaping);

    escaping.print("report \u001b[2J ");
    raw.print("\r[###   ]");
    raw.flush();
    escaping.println(" done");

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("report \\x1b[2J \r[###   ] done" + System.lineSeparator());
    PrintWriter plain = new PrintWriter(new StringWriter());
    assertThat(TerminalOutput.unescaped(plain)).isSameAs(plain);
  }
}
