package dev.puerto.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number options with their bounds, checked while the command line is parsed: a value out of
 * bounds is a usage error (exit 2) before any database or server is contacted. picocli names the
 * option in the message; the converter names the bound.
 */
final class Bounds {
  private Bounds() {}

  /** A whole number from {@code min} to {@code max}; for option values. */
  static int parse(String value, int min, int max) {
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new TypeConversionException(
        "must be a whole number from " + min + " to " + max + ", not '" + value + "'");
  }

  /** {@code --jobs}: 1 to 64 inputs in parallel (each may hold up to 512 MiB while it is read). */
  static final class Jobs implements ITypeConverter<Integer> {
    static final int MAX = 64;

    @Override
    public Integer convert(String value) {
      return parse(value, 1, MAX);
    }
  }

  /** A TCP port: 1 to 65535. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 1, 65535);
    }
  }

  /** {@code --http-port}: 0 (any free port, printed at start) to 65535. */
  static final class HttpPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 0, 65535);
    }
  }

  /** {@code --dns-timeout}: 1 ms to 60,000 ms (a minute) per attempt. */
  static final class DnsTimeoutMillis implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 1, 60_000);
    }
  }

  /** {@code --dns-concurrency}: 1 to 1024 questions in flight. */
  static final class DnsConcurrency implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 1, 1024);
    }
  }
}
