package dev.puerto.arf;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link ReturnedMessage} from a {@code message/rfc822} part, a {@code
 * text/rfc822-headers} part, or header text copied into a report's wording. Reads at most {@link
 * #HEADER_BYTES} of headers and {@link #BODY_BYTES} of body; U+0000 in the text becomes U+FFFD,
 * line endings become LF.
 */
final class Returned {
  static final int HEADER_BYTES = 64 << 10;
  static final int BODY_BYTES = 1 << 20;
  static final String TRUNCATED = "(truncated)";

  // Enough raw base64 or quoted-printable for the decoded bounds above.
  private static final int ENCODED_BYTES = (HEADER_BYTES + BODY_BYTES) / 3 * 4 + (64 << 10);
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");

  private Returned() {}

  /**
   * @param encoding the part's Content-Transfer-Encoding: real reporters send attached messages
   *     truly in base64 although RFC 2046 allows only identity encodings there
   */
  static ReturnedMessage read(
      InputStream part, String encoding, boolean headersOnly, boolean keepBody) throws IOException {
    InputStream content = part;
    if (encoding != null && !isIdentity(encoding)) {
      byte[] raw = part.readNBytes(headersOnly ? HEADER_BYTES * 2 : ENCODED_BYTES);
      content = new ByteArrayInputStream(Text.undoTransferEncoding(raw, encoding));
    }
    SectionText headers = readSection(content);
    if (headers.text().isBlank()) {
      return null;
    }
    HeaderFields fields = HeaderFields.parse(headers.text());
    String body = headersOnly || !keepBody ? null : body(content, fields);
    return of(headers.text(), headers.truncated(), body);
  }

  /** From header lines copied as text (reporters that send no ARF part quote them so). */
  static ReturnedMessage ofText(String text, boolean truncated) {
    String cut = text.length() > HEADER_BYTES ? text.substring(0, HEADER_BYTES) : text;
    return of(cut, truncated || cut.length() < text.length(), null);
  }

  private static ReturnedMessage of(String headerText, boolean truncated, String body) {
    HeaderFields fields = HeaderFields.parse(headerText);
    String from = fields.first("From");
    String messageId = fields.first("Message-ID");
    List<String> results = fields.all("Authentication-Results");
    String headers = truncated ? headerText + TRUNCATED : headerText;
    return new ReturnedMessage(
        domainOf(address(from)),
        clean(Text.decodeWords(from)),
        clean(Text.decodeWords(fields.first("Subject"))),
        messageId == null ? null : clean(stripAngles(messageId)),
        MailDates.parse(fields.first("Date")),
        results.isEmpty() ? null : clean(String.join("\n", results)),
        clean(headers),
        clean(body));
  }

  private record SectionText(String text, boolean truncated) {}

  /** The header section (leading blank lines skipped), LF-terminated, bounded. */
  private static SectionText readSection(InputStream in) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    boolean truncated = false;
    int lineBytes = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\r') {
        continue;
      }
      if (b == '\n') {
        if (lineBytes == 0) {
          if (kept.size() == 0) {
            continue;
          }
          break;
        }
        if (kept.size() < HEADER_BYTES) {
          kept.write('\n');
        }
        lineBytes = 0;
        continue;
      }
      lineBytes++;
      if (lineBytes <= MimeWalk.MAX_LINE && kept.size() < HEADER_BYTES) {
        kept.write(b);
      } else {
        truncated = true;
      }
    }
    return new SectionText(Text.lenient(kept.toByteArray()), truncated);
  }

  /**
   * The body: decoded text when the message is a text part (its transfer encoding and charset
   * undone), otherwise as received; with {@link #TRUNCATED} when cut at the bound.
   */
  private static String body(InputStream content, HeaderFields fields) throws IOException {
    byte[] raw = content.readNBytes(BODY_BYTES + 1);
    boolean truncated = raw.length > BODY_BYTES;
    if (truncated) {
      raw = Arrays.copyOf(raw, BODY_BYTES);
    }
    String text;
    if (MimeWalk.mediaType(fields).startsWith("text/")) {
      byte[] decoded = Text.undoTransferEncoding(raw, fields.first("Content-Transfer-Encoding"));
      text = Text.decode(decoded, MimeWalk.parameter(fields, MimeWalk.CHARSET));
    } else {
      text = Text.lenient(raw);
    }
    // Line endings are transport, not content: LF, as in the headers, whatever the reporter sent.
    text = text.replace("\r\n", "\n");
    return truncated ? text + "\n" + TRUNCATED : text;
  }

  private static boolean isIdentity(String encoding) {
    String e = encoding.strip().toLowerCase(Locale.ROOT);
    return e.isEmpty() || e.equals("7bit") || e.equals("8bit") || e.equals("binary");
  }

  /** The address of a From-like header, lower case, or null. */
  static String address(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
      if (parsed.length > 0
          && parsed[0].getAddress() != null
          && parsed[0].getAddress().contains("@")) {
        return parsed[0].getAddress().strip().toLowerCase(Locale.ROOT);
      }
    } catch (AddressException | RuntimeException unparsable) {
      // read below by pattern
    }
    Matcher address = ADDRESS.matcher(header);
    return address.find() ? address.group().toLowerCase(Locale.ROOT) : null;
  }

  static String domainOf(String address) {
    return address == null ? null : Text.domain(address.substring(address.lastIndexOf('@') + 1));
  }

  static String stripAngles(String value) {
    String v = value.strip();
    if (v.startsWith("<")) {
      v = v.substring(1);
    }
    int close = v.indexOf('>');
    return (close >= 0 ? v.substring(0, close) : v).strip();
  }

  private static String clean(String text) {
    return Text.withoutNul(text);
  }
}
