package dev.puerto.terminal;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with control characters escaped ({@link ControlChars}): log lines quote
 * report contents (Message-IDs, rejection reasons, file names inside archives). Registered in
 * {@code logback.xml}.
 */
public final class EscapedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return ControlChars.escape(super.convert(event));
  }
}
