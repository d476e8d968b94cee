package dev.puerto.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what Puerto logs (logger {@code dev.puerto}) while it is open, as {@code LEVEL message}
 * lines, for tests of what a user reads in the log.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.puerto");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /**
   * Every line so far, e.g. {@code INFO UID 2 vanished before it was read ...} or {@code ERROR
   * sales: localhost:993 refused the login ...}.
   */
  public List<String> lines() {
    List<ILoggingEvent> events;
    synchronized (appender) { // the lock under which logback appends
      events = List.copyOf(appender.list);
    }
    return events.stream()
        .map(
            event ->
                String.format(
                    "%-5s %s%s", event.getLevel(), mailbox(event), event.getFormattedMessage()))
        .toList();
  }

  /** {@code sales: } for a line of mailbox sales's run (the MDC logback.xml shows), else empty. */
  private static String mailbox(ILoggingEvent event) {
    String name = event.getMDCPropertyMap().get("mailbox");
    return name == null ? "" : name + ": ";
  }

  /** Every line so far, one string. */
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
