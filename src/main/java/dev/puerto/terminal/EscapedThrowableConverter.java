package dev.puerto.terminal;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %ex} (an exception's message and stack trace) with control characters escaped
 * ({@link ControlChars}): exception messages quote input too. Registered in {@code logback.xml}.
 */
public final class EscapedThrowableConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return ControlChars.escape(super.convert(event));
  }
}
