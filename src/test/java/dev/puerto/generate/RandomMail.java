package dev.puerto.generate;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;

/** A huge e-mail whose attachment is random bytes: noise a mailbox may hold, never a report. */
public final class RandomMail {
  private static final byte[] CRLF = {'\r', '\n'};

  private RandomMail() {}

  /** An e-mail streamed as it is generated: headers, then base64 lines of seeded random bytes. */
  public static InputStream withAttachmentOf(long size) {
    String head =
        "From: reporter@example.net\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
            + "Content-Type: application/octet-stream; name=\"random.bin\"\r\n"
            + "Content-Disposition: attachment; filename=\"random.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n";
    Random random = new Random(42);
    byte[] chunk = new byte[57 * 1000]; // whole 76-character lines
    Enumeration<InputStream> encoded =
        new Enumeration<>() {
          private long left = size;

          @Override
          public boolean hasMoreElements() {
            return left > 0;
          }

          @Override
          public InputStream nextElement() {
            random.nextBytes(chunk);
            left -= chunk.length;
            byte[] lines = Base64.getMimeEncoder().encode(chunk);
            return new SequenceInputStream(
                new ByteArrayInputStream(lines), new ByteArrayInputStream(CRLF));
          }
        };
    return new SequenceInputStream(
        Collections.enumeration(
            List.of(
                new ByteArrayInputStream(head.getBytes(US_ASCII)),
                new SequenceInputStream(encoded),
                new ByteArrayInputStream("--b--\r\n".getBytes(US_ASCII)))));
  }
}
