package dev.puerto.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A folder of inputs written to hurt an importer, each one aimed at a different weakness: memory
 * (records before the header, millions of auth results, huge texts), arithmetic (counts and dates
 * out of range), names (NUL and escapes), structure (several reports, wrappers, trailing data,
 * nesting) and containers (mbox, attached mail in base64, nested and crowded zips). Also the seeds
 * of the import fuzz test. Deterministic for a given scale.
 */
public final class HostileFolder {
  /**
   * @param recordsBeforeHeader records a report puts before its header (1,000,000 for the figures)
   * @param dkimResults DKIM results in one record (2,000,000 for the figures)
   */
  public record Scale(int recordsBeforeHeader, int dkimResults, long hugeTextChars) {
    public static final Scale TEST = new Scale(150_000, 200_000, 40L << 20);
    public static final Scale FIGURES = new Scale(1_000_000, 2_000_000, 600L << 20);
  }

  /** An input and how many reports an import must store from it. */
  public record Input(Path file, int reportsStored, boolean rejectsSomething) {}

  private final Path directory;
  private final Scale scale;
  private final List<Input> inputs = new ArrayList<>();

  private HostileFolder(Path directory, Scale scale) {
    this.directory = directory;
    this.scale = scale;
  }

  /** {@code HostileFolder DIR [test|figures]}: writes the folder, for figures by hand. */
  public static void main(String[] args) throws IOException {
    Scale scale = args.length > 1 && args[1].equals("figures") ? Scale.FIGURES : Scale.TEST;
    for (Input input : write(Path.of(args[0]), scale)) {
      System.out.printf("%,14d  %s%n", Files.size(input.file()), input.file());
    }
  }

  /** Writes every hostile input into {@code directory}; returns them with what must happen. */
  public static List<Input> write(Path directory, Scale scale) throws IOException {
    Files.createDirectories(directory);
    HostileFolder folder = new HostileFolder(directory, scale);
    folder.writeAll();
    return List.copyOf(folder.inputs);
  }

  private void writeAll() throws IOException {
    gzipFile("records-before-header.xml.gz", 1, false, this::recordsBeforeHeader);
    gzipFile("two-million-dkim.xml.gz", 0, true, this::manyDkimResults);
    gzipFile("huge-org-name.xml.gz", 0, true, this::hugeText);
    file("report-id-5k.xml", 0, true, report("x".repeat(5 * 1024), "192.0.2.1", "1"));
    file("counts-overflow.xml", 0, true, overflow());
    file(
        "epoch-beyond-instant.xml",
        0,
        true,
        report("epoch-1", "192.0.2.1", "1").replace("1700000000", "99999999999999999"));
    file(
        "epoch-beyond-postgresql.xml",
        0,
        true,
        report("epoch-2", "192.0.2.1", "1").replace("1700000000", "9999999999999"));
    file(
        "nul-in-entry-name.zip",
        1,
        false,
        zip("r\u0000\u001b]0;pwned\u0007.xml", report("nul-entry", "192.0.2.2", "4")));
    file(
        "escape-sequences.xml",
        1,
        false,
        "<?xml version=\"1.1\"?>"
            + report("esc&#x1b;[2J&#x1b;]0;title&#x7;", "192.0.2.3", "2")
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "")
                .replace("Hostile Receiver", "Evil&#x1b;[31mRed&#x9b;2J"));
    file(
        "two-gzip-members.xml.gz",
        2,
        false,
        concat(
            gzip(report("member-1", "192.0.2.4", "1")),
            gzip(report("member-2", "192.0.2.4", "1"))));
    file(
        "unclosed-wrapper.xml",
        1,
        false,
        "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
            + body(report("wrapped", "192.0.2.5", "3")));
    file(
        "trailing-garbage.xml",
        1,
        true,
        report("trailing", "192.0.2.6", "1") + "\u0000\u0001garbage");
    file(
        "second-root-truncated.xml",
        1,
        true,
        report("whole", "192.0.2.7", "1")
            + body(report("cut", "192.0.2.7", "1")).substring(0, 200));
    file("deep-nesting.xml", 0, true, "<a>".repeat(100_000) + "</a>".repeat(100_000));
    file("many-attributes.xml", 0, true, "<feedback " + attributes(50_000) + "/>");
    file("zip-in-zip-12-deep.zip", 0, true, nestedZip(12));
    file("zip-with-20000-entries.zip", 0, true, crowdedZip(20_000));
    file("mime-nested-100.eml", 0, true, nestedMime(100));
    file("mboxo-unescaped-from.mbox", 1, false, mboxo());
    file("attached-mail-in-base64.eml", 1, false, base64AttachedMail());
    file("random-bytes.bin", 0, true, randomBytes(8 << 20));
    file("empty.xml", 0, true, new byte[0]);
    file(
        "dtd-in-second-document.xml",
        1,
        true,
        report("first-doc", "192.0.2.8", "1")
            + "\n<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY a \"b\">]>"
            + body(report("second-doc", "192.0.2.8", "1")));
  }

  // --- the inputs ---

  private void recordsBeforeHeader(OutputStream out) throws IOException {
    out.write("<?xml version=\"1.0\"?>\n<feedback>\n".getBytes(UTF_8));
    for (int i = 0; i < scale.recordsBeforeHeader(); i++) {
      out.write(record(ipv4(i), "1").getBytes(UTF_8));
    }
    out.write(header("early-records").getBytes(UTF_8));
    out.write("</feedback>\n".getBytes(UTF_8));
  }

  private void manyDkimResults(OutputStream out) throws IOException {
    out.write(("<?xml version=\"1.0\"?>\n<feedback>" + header("many-dkim")).getBytes(UTF_8));
    out.write(
        ("<record><row><source_ip>192.0.2.9</source_ip><count>1</count></row>"
                + "<identifiers><header_from>example.com</header_from></identifiers><auth_results>")
            .getBytes(UTF_8));
    byte[] dkim = "<dkim><domain>example.com</domain><result>pass</result></dkim>".getBytes(UTF_8);
    for (int i = 0; i < scale.dkimResults(); i++) {
      out.write(dkim);
    }
    out.write("</auth_results></record></feedback>\n".getBytes(UTF_8));
  }

  private void hugeText(OutputStream out) throws IOException {
    out.write("<?xml version=\"1.0\"?>\n<feedback><report_metadata><org_name>".getBytes(UTF_8));
    byte[] block = "a".repeat(1 << 16).getBytes(UTF_8);
    for (long written = 0; written < scale.hugeTextChars(); written += block.length) {
      out.write(block);
    }
    out.write("</org_name></report_metadata></feedback>\n".getBytes(UTF_8));
  }

  private static String overflow() {
    StringBuilder records = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      records.append(record("192.0.2.10", "999999999999999999"));
    }
    return "<?xml version=\"1.0\"?>\n<feedback>" + header("overflow") + records + "</feedback>\n";
  }

  private static byte[] nestedZip(int depth) {
    byte[] content = report("nested", "192.0.2.11", "1").getBytes(UTF_8);
    for (int level = 0; level < depth; level++) {
      content = zipBytes("level-" + level + (level == 0 ? ".xml" : ".zip"), content);
    }
    return content;
  }

  private static byte[] crowdedZip(int entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < entries; i++) {
        zip.putNextEntry(new ZipEntry("e" + i + ".txt"));
        zip.write('x');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String nestedMime(int depth) {
    StringBuilder mail = new StringBuilder("From: a@example.com\r\nSubject: nested\r\n");
    for (int level = 0; level < depth; level++) {
      mail.append("Content-Type: multipart/mixed; boundary=\"b")
          .append(level)
          .append("\"\r\n\r\n--b")
          .append(level)
          .append("\r\n");
    }
    mail.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
    for (int level = depth - 1; level >= 0; level--) {
      mail.append("--b").append(level).append("--\r\n");
    }
    return mail.toString();
  }

  private static String mboxo() {
    String attachment =
        Base64.getMimeEncoder().encodeToString(gzip(report("mboxo", "192.0.2.12", "6")));
    return "From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n"
        + mailWith(
            "Content-Type: text/plain\n\nReport attached.\n\nFrom the desk of the postmaster:\n"
                + "nothing to worry about.\n",
            "Content-Type: application/gzip; name=\"r.xml.gz\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"r.xml.gz\"\n\n"
                + attachment);
  }

  private static String base64AttachedMail() {
    String inner =
        mailWith(
            "Content-Type: text/plain\n\nInner.\n",
            "Content-Type: application/gzip; name=\"r.xml.gz\"\n"
                + "Content-Transfer-Encoding: base64\n"
                + "Content-Disposition: attachment; filename=\"r.xml.gz\"\n\n"
                + Base64.getMimeEncoder()
                    .encodeToString(gzip(report("b64-rfc822", "192.0.2.13", "2"))));
    return mailWith(
        "Content-Type: text/plain\n\nForwarded.\n",
        "Content-Type: message/rfc822\n"
            + "Content-Transfer-Encoding: base64\n"
            + "Content-Disposition: attachment; filename=\"report.eml\"\n\n"
            + Base64.getMimeEncoder().encodeToString(inner.getBytes(UTF_8)));
  }

  private static String mailWith(String... parts) {
    StringBuilder mail =
        new StringBuilder(
            "From: noreply-dmarc@receiver.example\nTo: dmarc@example.com\n"
                + "Subject: Report domain: example.com\nMessage-ID: <hostile@receiver.example>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"hostile\"\n\n");
    for (String part : parts) {
      mail.append("--hostile\n").append(part).append('\n');
    }
    return mail.append("--hostile--\n").toString();
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static String attributes(int count) {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < count; i++) {
      attributes.append("a").append(i).append("=\"1\" ");
    }
    return attributes.toString();
  }

  // --- report text ---

  /** A whole report document with one record. */
  public static String report(String reportId, String sourceIp, String count) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback>"
        + header(reportId)
        + record(sourceIp, count)
        + "</feedback>\n";
  }

  private static String body(String document) {
    return document.substring(document.indexOf("<feedback>"));
  }

  private static String header(String reportId) {
    return "<report_metadata><org_name>Hostile Receiver</org_name>"
        + "<email>dmarc@receiver.example</email><report_id>"
        + reportId
        + "</report_id><date_range><begin>1700000000</begin><end>1700086399</end></date_range>"
        + "</report_metadata><policy_published><domain>example.com</domain><p>none</p>"
        + "</policy_published>\n";
  }

  private static String record(String sourceIp, String count) {
    return "<record><row><source_ip>"
        + sourceIp
        + "</source_ip><count>"
        + count
        + "</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim>"
        + "<spf>pass</spf></policy_evaluated></row><identifiers><header_from>example.com"
        + "</header_from></identifiers><auth_results><spf><domain>example.com</domain>"
        + "<result>pass</result></spf></auth_results></record>\n";
  }

  private static String ipv4(int i) {
    return "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
  }

  // --- writing ---

  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private void gzipFile(String name, int reports, boolean rejects, Content content)
      throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream out =
        new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      content.writeTo(out);
    }
    inputs.add(new Input(file, reports, rejects));
  }

  private void file(String name, int reports, boolean rejects, String content) throws IOException {
    file(name, reports, rejects, content.getBytes(UTF_8));
  }

  private void file(String name, int reports, boolean rejects, byte[] content) throws IOException {
    Path file = directory.resolve(name);
    Files.write(file, content);
    inputs.add(new Input(file, reports, rejects));
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] zip(String entry, String content) {
    return zipBytes(entry, content.getBytes(UTF_8));
  }

  private static byte[] zipBytes(String entry, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, UTF_8)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
