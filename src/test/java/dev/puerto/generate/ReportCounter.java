package dev.puerto.generate;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * A deliberately independent reader for tests: unwraps any container by its magic bytes (never its
 * name) and counts feedback roots, records and messages with StAX. It counts aggregate reports
 * only; failure and TLS reports have their own independent truth (extract_report_truth.py).
 */
final class ReportCounter {
  private static final XMLInputFactory XML = secureFactory();

  private ReportCounter() {}

  static ReportTotals count(Path file) throws Exception {
    return count(Files.readAllBytes(file));
  }

  static ReportTotals count(byte[] content) throws Exception {
    if (startsWith(content, 0x1f, 0x8b)) {
      try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(content))) {
        return count(gzip.readAllBytes());
      }
    }
    if (startsWith(content, 'P', 'K', 3, 4)) {
      return countZip(content);
    }
    String head = new String(content, 0, Math.min(content.length, 64), StandardCharsets.ISO_8859_1);
    if (head.startsWith("From ")) {
      return countMbox(new String(content, StandardCharsets.ISO_8859_1));
    }
    if (head.stripLeading().startsWith("<") || head.startsWith("\u00ef\u00bb\u00bf<")) {
      return countXml(new ByteArrayInputStream(content));
    }
    if (head.stripLeading().startsWith("{")) {
      return ReportTotals.NONE; // an SMTP TLS report (RFC 8460 JSON): no aggregate report in it
    }
    return countEmail(content);
  }

  /** Streams XML from a gzip file without loading it, for reports too big for a byte array. */
  static ReportTotals countGzippedXml(Path file) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return countXml(in);
    }
  }

  static MimeMessage parseEmail(byte[] content) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(content));
  }

  private static ReportTotals countZip(byte[] content) throws Exception {
    ReportTotals totals = ReportTotals.NONE;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        totals = totals.plus(count(zip.readAllBytes()));
      }
    }
    return totals;
  }

  private static ReportTotals countMbox(String mailbox) throws Exception {
    ReportTotals totals = ReportTotals.NONE;
    for (String message : mailbox.split("(?m)^From .*\n")) {
      if (!message.isBlank()) {
        totals = totals.plus(countEmail(message.getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    return totals;
  }

  private static ReportTotals countEmail(byte[] content) throws Exception {
    Object body = parseEmail(content).getContent();
    ReportTotals totals = ReportTotals.NONE;
    if (body instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
          try (InputStream decoded = part.getInputStream()) {
            totals = totals.plus(count(decoded.readAllBytes()));
          }
        }
      }
    }
    return totals;
  }

  private static ReportTotals countXml(InputStream in) throws Exception {
    XMLStreamReader reader = XML.createXMLStreamReader(in);
    int reports = 0;
    long records = 0;
    long messages = 0;
    try {
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          switch (reader.getLocalName()) {
            case "feedback" -> reports++;
            case "record" -> records++;
            case "count" -> messages += Long.parseLong(reader.getElementText().strip());
            default -> {}
          }
        }
      }
    } finally {
      reader.close();
    }
    return new ReportTotals(reports, records, messages);
  }

  private static boolean startsWith(byte[] content, int... magic) {
    if (content.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((content[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
