package dev.puerto.generate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** The report_id shapes real reporters use; parsers must treat all of them as opaque text. */
public enum ReportIdStyle {
  /** Google: an unsigned 64-bit decimal number. */
  UNSIGNED_DECIMAL,
  /** Outlook, GMX: 32 lower-case hex digits. */
  HEX32,
  /** Yahoo: the generation time in epoch seconds, a dot and six digits. */
  EPOCH_DOT_MICROS,
  /** Mail.Ru: random digits followed by the period's begin. */
  DIGITS_THEN_BEGIN,
  /** Comcast: a UUID with dashes. */
  UUID,
  /** Fastmail (Mail::DMARC): the sending date and a sequence number. */
  DATE_DOT_SEQUENCE;

  private static final DateTimeFormatter DOTTED_DATE =
      DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

  public String create(SplittableRandom random, long begin) {
    return switch (this) {
      case UNSIGNED_DECIMAL -> Long.toUnsignedString(random.nextLong());
      case HEX32 -> hex(random, 16);
      case EPOCH_DOT_MICROS ->
          (begin + 86_400 + random.nextInt(7_200)) + "." + (100_000 + random.nextInt(900_000));
      case DIGITS_THEN_BEGIN -> Long.toString(random.nextLong(1_000_000_000_000L)) + begin;
      case UUID -> {
        String hex = hex(random, 16);
        yield String.join(
            "-",
            hex.substring(0, 8),
            hex.substring(8, 12),
            hex.substring(12, 16),
            hex.substring(16, 20),
            hex.substring(20));
      }
      case DATE_DOT_SEQUENCE ->
          DOTTED_DATE.format(Instant.ofEpochSecond(begin + 86_400))
              + "."
              + (100_000_000 + random.nextInt(900_000_000));
    };
  }

  private static String hex(SplittableRandom random, int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }
}
