package dev.puerto.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The production {@code logback.xml}: escaped messages and exceptions, quiet libraries. */
class LogFormatTest {
  @Test
  void
      log_lines_have_message_and_exception_escaped_name_their_mailbox_and_pool_and_zonky_are_quiet()
          throws Exception {
    URL configuration = getClass().getResource("/logback.xml");
    assertThat(configuration).isNotNull();
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(configuration);

      context
          .getLogger("dev.puerto.run.MessageImport")
          .info("INBOX UID 1 <{}>: rejected", ControlCharsTest.POISON);
      context
          .getLogger("dev.puerto.store.Database")
          .warn("failed", new IllegalStateException("bad " + ControlCharsTest.POISON));
      context.getMDCAdapter().put("mailbox", "sales");
      context.getLogger("dev.puerto.run.MailboxRun").info("watching INBOX");
      context.getMDCAdapter().remove("mailbox");
      context.getLogger("com.zaxxer.hikari.pool.ProxyConnection").warn("marked as broken");
      context.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres").error("stop");
      assertThat(context.getLogger("com.zaxxer.hikari").getEffectiveLevel()).isEqualTo(Level.OFF);
      assertThat(context.getLogger("dev.puerto").getEffectiveLevel()).isEqualTo(Level.INFO);
    } finally {
      context.stop();
      System.setErr(stderr);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("INFO  INBOX UID 1 <a\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202eb>: rejected")
        .contains("java.lang.IllegalStateException: bad a\\x1b]0;pwned")
        .contains("\tat ")
        .contains("INFO  sales: watching INBOX\n")
        .doesNotContain(": INBOX UID 1")
        .doesNotContain("\u001b", "\u0007", "\u009b", "\u202e")
        .doesNotContain("marked as broken", "stop");
  }
}
