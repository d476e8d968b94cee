package dev.puerto.unpack;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds test inputs the way reporters write them. */
final class Inputs {

  static final String REPORT =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback><report_metadata>"
          + "<org_name>example.net</org_name></report_metadata></feedback>\n";

  private Inputs() {}

  static byte[] report(String orgName) {
    return REPORT.replace("example.net", orgName).getBytes(UTF_8);
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A gzip stream whose header stores a file name (FNAME), as gzip(1) writes it. */
  static byte[] gzipNamed(String name, byte[] content) {
    byte[] plain = gzip(content);
    ByteArrayOutputStream named = new ByteArrayOutputStream();
    named.write(plain, 0, 3);
    named.write(plain[3] | 8);
    named.write(plain, 4, 6);
    named.writeBytes(name.getBytes(UTF_8));
    named.write(0);
    named.write(plain, 10, plain.length - 10);
    return named.toByteArray();
  }

  /** A zip archive with the entries in order; a name ending in '/' is a directory. */
  @SafeVarargs
  static byte[] zip(Map.Entry<String, byte[]>... entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  /** An e-mail with a text body and the given parts, written by jakarta.mail. */
  static byte[] mail(String body, BodyPart... parts) {
    try {
      MimeMultipart multipart = new MimeMultipart("mixed");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(body, "UTF-8");
      multipart.addBodyPart(text);
      for (BodyPart part : parts) {
        multipart.addBodyPart(part);
      }
      return write(multipart);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An e-mail whose whole body is one multipart, e.g. multipart/report. */
  static byte[] write(MimeMultipart multipart) {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
      message.setFrom("noreply-dmarc-support@google.com");
      message.setSubject("Report domain: example.com Submitter: google.com");
      message.setContent(multipart);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      message.writeTo(bytes);
      return bytes.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An attachment with the declared type, base64 encoded as reporters send them. */
  static MimeBodyPart attachment(String fileName, String contentType, byte[] content) {
    try {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
      part.setFileName(fileName);
      part.setDisposition(MimeBodyPart.ATTACHMENT);
      part.setHeader("Content-Transfer-Encoding", "base64");
      return part;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
