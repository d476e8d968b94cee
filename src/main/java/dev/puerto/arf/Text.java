package dev.puerto.arf;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes and header values of an e-mail into text, liberally: transfer encodings decoded
 * without failing on errors, unknown charsets read as UTF-8 or Latin-1, RFC 2047 words decoded even
 * where writers put them in quotes.
 */
final class Text {
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

  private Text() {}

  /** UTF-8 when the bytes are UTF-8 (RFC 6532 headers), else Latin-1, which reads any byte. */
  static String lenient(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** The bytes in the declared charset; undeclared, US-ASCII (often a lie) or unknown: lenient. */
  static String decode(byte[] bytes, String charset) {
    if (charset == null || charset.isBlank() || charset.equalsIgnoreCase("us-ascii")) {
      return lenient(bytes);
    }
    try {
      return new String(bytes, Charset.forName(MimeUtility.javaCharset(charset.strip())));
    } catch (IllegalArgumentException unknownCharset) {
      return lenient(bytes);
    }
  }

  /**
   * Undoes a Content-Transfer-Encoding. A part labelled base64 whose first line is not base64 (an
   * ARF field, a header) was sent unencoded, and is returned as it is.
   */
  static byte[] undoTransferEncoding(byte[] raw, String encoding) {
    if (encoding == null) {
      return raw;
    }
    return switch (encoding.strip().toLowerCase(Locale.ROOT)) {
      case "base64" -> looksLikeBase64(raw) ? base64(raw) : raw;
      case "quoted-printable" -> quotedPrintable(raw);
      default -> raw;
    };
  }

  static boolean looksLikeBase64(byte[] raw) {
    int i = 0;
    while (i < raw.length && Character.isWhitespace(raw[i])) {
      i++;
    }
    int letters = 0;
    for (; i < raw.length && raw[i] != '\n' && raw[i] != '\r'; i++) {
      if (base64Value(raw[i]) < 0 && raw[i] != '=') {
        return false;
      }
      letters++;
    }
    return letters >= 4;
  }

  /** Base64, skipping anything outside the alphabet and ending at padding or a partial quantum. */
  static byte[] base64(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 3 / 4 + 3);
    int bits = 0;
    int count = 0;
    for (byte b : raw) {
      if (b == '=') {
        break;
      }
      int value = base64Value(b);
      if (value < 0) {
        continue;
      }
      bits = (bits << 6) | value;
      count++;
      if (count == 4) {
        out.write(bits >> 16);
        out.write(bits >> 8);
        out.write(bits);
        bits = 0;
        count = 0;
      }
    }
    if (count == 2) {
      out.write(bits >> 4);
    } else if (count == 3) {
      out.write(bits >> 10);
      out.write(bits >> 2);
    }
    return out.toByteArray();
  }

  private static int base64Value(byte b) {
    if (b >= 'A' && b <= 'Z') {
      return b - 'A';
    } else if (b >= 'a' && b <= 'z') {
      return b - 'a' + 26;
    } else if (b >= '0' && b <= '9') {
      return b - '0' + 52;
    } else if (b == '+') {
      return 62;
    } else if (b == '/') {
      return 63;
    }
    return -1;
  }

  /** Quoted-printable; a malformed escape is kept as it stands. */
  static byte[] quotedPrintable(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b != '=') {
        out.write(b);
      } else if (i + 1 < raw.length && raw[i + 1] == '\n') {
        i += 1; // soft line break
      } else if (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
        i += 2;
      } else if (i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        out.write(hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  /**
   * Decodes RFC 2047 encoded words anywhere in the value, also inside quotes (real writers put them
   * there), dropping the white space between adjacent words as RFC 2047 says.
   */
  static String decodeWords(String value) {
    if (value == null || !value.contains("=?")) {
      return value;
    }
    Matcher word = ENCODED_WORD.matcher(value);
    StringBuilder out = new StringBuilder(value.length());
    int last = 0;
    boolean previousWasWord = false;
    while (word.find()) {
      String between = value.substring(last, word.start());
      if (!(previousWasWord && between.isBlank())) {
        out.append(between);
      }
      out.append(decodeWord(word.group()));
      last = word.end();
      previousWasWord = true;
    }
    return out.append(value, last, value.length()).toString();
  }

  private static String decodeWord(String word) {
    try {
      return MimeUtility.decodeWord(word);
    } catch (Exception malformed) { // ParseException, UnsupportedEncodingException, bad base64
      return word;
    }
  }

  /** PostgreSQL text cannot hold U+0000: free text keeps its place as U+FFFD. */
  static String withoutNul(String text) {
    return text == null ? null : text.replace('\u0000', '\uFFFD');
  }

  /** A domain as stored: lower case, without brackets or a trailing dot; blank is none. */
  static String domain(String value) {
    if (value == null) {
      return null;
    }
    String domain = value.strip();
    if (domain.startsWith("<") && domain.endsWith(">")) {
      domain = domain.substring(1, domain.length() - 1).strip();
    }
    while (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    return domain.isEmpty() ? null : domain.toLowerCase(Locale.ROOT);
  }
}
