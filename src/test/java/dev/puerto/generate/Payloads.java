package dev.puerto.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The container kinds reports travel in, as composable {@link Payload}s. */
public final class Payloads {
  private static final String CRLF = "\r\n";
  private static final DateTimeFormatter MBOX_DATE =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final Pattern FROM_LINE = Pattern.compile("(?m)^(>*From )");

  private Payloads() {}

  public static Payload xml(GeneratedReport report) {
    return out -> ReportXmlWriter.write(report, out);
  }

  /** Hand-written content; it carries no countable report. */
  public static Payload text(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  public static Payload bytes(byte[] content) {
    return out -> {
      out.write(content);
      return ReportTotals.NONE;
    };
  }

  public static Payload gzip(Payload inner) {
    return gzip(Deflater.DEFAULT_COMPRESSION, inner);
  }

  public static Payload gzip(int level, Payload inner) {
    return out -> {
      try (GZIPOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
        return inner.writeTo(gzip);
      }
    };
  }

  public static Payload zip(List<ZipItem> items) {
    return zip(Deflater.DEFAULT_COMPRESSION, items);
  }

  public static Payload zip(int level, List<ZipItem> items) {
    return out -> {
      ReportTotals totals = ReportTotals.NONE;
      try (ZipOutputStream zip = new ZipOutputStream(new ShieldedOutputStream(out))) {
        zip.setLevel(level);
        for (ZipItem item : items) {
          ZipEntry entry = new ZipEntry(item.name());
          // Local time of the epoch second in UTC, so the archive does not depend on the host zone.
          entry.setTimeLocal(LocalDateTime.ofEpochSecond(item.epochSecond(), 0, ZoneOffset.UTC));
          zip.putNextEntry(entry);
          totals = totals.plus(item.payload().writeTo(zip));
          zip.closeEntry();
        }
      }
      return totals;
    };
  }

  /** Payloads written one after the other, e.g. two gzip members in one file. */
  public static Payload concat(Payload... parts) {
    return out -> {
      ReportTotals totals = ReportTotals.NONE;
      for (Payload part : parts) {
        totals = totals.plus(part.writeTo(out));
      }
      return totals;
    };
  }

  /**
   * The inner payload's text changed by {@code edit} (it must keep the reports whole), with the
   * inner payload's totals: for samples whose layout the writers do not produce.
   */
  public static Payload edited(Payload inner, UnaryOperator<String> edit) {
    return out -> {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      ReportTotals totals = inner.writeTo(text);
      out.write(edit.apply(text.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      return totals;
    };
  }

  /** Appends bytes after the inner payload, like Mimecast's CRLF after a gzip stream. */
  public static Payload followedBy(Payload inner, byte[] trailer) {
    return out -> {
      ReportTotals totals = inner.writeTo(out);
      out.write(trailer);
      return totals;
    };
  }

  /** A multipart/mixed report e-mail with CRLF line endings and a base64 attachment. */
  public static Payload email(ReportEmail email) {
    return out -> {
      String boundary = email.boundary();
      ascii(
          out,
          "From: " + email.from(),
          "To: " + email.to(),
          "Subject: " + email.subject(),
          "Date: " + rfc5322Date(email.sentEpochSecond()),
          "Message-ID: <" + email.messageId() + ">",
          "MIME-Version: 1.0",
          "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"",
          "",
          "This is a multi-part message in MIME format.",
          "",
          "--" + boundary,
          "Content-Type: text/plain; charset=us-ascii",
          "Content-Transfer-Encoding: 7bit",
          "",
          email.bodyText(),
          "");
      ReportTotals totals = ReportTotals.NONE;
      if (email.attachment() != null) {
        String name = email.attachmentFileName();
        ascii(
            out,
            "--" + boundary,
            "Content-Type: " + email.attachmentMediaType() + "; name=\"" + name + "\"",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment; filename=\"" + name + "\"",
            "");
        totals = base64(CRLF, email.attachment()).writeTo(out);
        ascii(out, "", "");
      }
      ascii(out, "--" + boundary + "--");
      return totals;
    };
  }

  /** The inner payload in base64 lines of 76 characters, without a line break after the last. */
  public static Payload base64(String lineBreak, Payload inner) {
    return out -> {
      try (OutputStream base64 =
          Base64.getMimeEncoder(76, lineBreak.getBytes(StandardCharsets.US_ASCII))
              .wrap(new ShieldedOutputStream(out))) {
        return inner.writeTo(base64);
      }
    };
  }

  /** One message of an mbox mailbox: the envelope sender and date of its From line, and itself. */
  public record MboxMessage(String sender, long epochSecond, Payload message) {
    static MboxMessage of(ReportEmail email) {
      return new MboxMessage(email.from(), email.sentEpochSecond(), email(email));
    }
  }

  /**
   * An mboxo mailbox: each message after a {@code From } separator line, LF line endings, and no
   * quoting of body lines that start with "From ".
   */
  public static Payload mbox(List<ReportEmail> emails) {
    return mbox(emails.stream().map(MboxMessage::of).toList(), UnaryOperator.identity());
  }

  /** An mboxrd mailbox: a line reading "From " after any number of '>' gets one more '>'. */
  public static Payload mboxrd(List<MboxMessage> messages) {
    return mbox(messages, message -> FROM_LINE.matcher(message).replaceAll(">$1"));
  }

  private static Payload mbox(List<MboxMessage> messages, UnaryOperator<String> quote) {
    return out -> {
      ReportTotals totals = ReportTotals.NONE;
      for (MboxMessage message : messages) {
        ByteArrayOutputStream lf = new ByteArrayOutputStream();
        totals = totals.plus(message.message().writeTo(new UnixLineEndingsOutputStream(lf)));
        String text = quote.apply(lf.toString(StandardCharsets.ISO_8859_1));
        String separator =
            "From "
                + message.sender()
                + " "
                + MBOX_DATE.format(Instant.ofEpochSecond(message.epochSecond()));
        out.write((separator + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.write('\n');
      }
      return totals;
    };
  }

  static String rfc5322Date(long epochSecond) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
  }

  private static void ascii(OutputStream out, String... lines) throws IOException {
    for (String line : lines) {
      out.write((line + CRLF).getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** GZIPOutputStream that leaves the target open and lets the caller choose the level. */
  private static final class LeveledGzipOutputStream extends GZIPOutputStream {
    LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
      super(new ShieldedOutputStream(out), 1 << 16);
      def.setLevel(level);
    }
  }
}
