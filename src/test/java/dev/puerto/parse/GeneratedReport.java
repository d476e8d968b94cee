package dev.puerto.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;

/** A valid report with any number of records, produced lazily so that it never sits in memory. */
final class GeneratedReport extends InputStream {
  private static final String HEADER =
      "<?xml version=\"1.0\"?>" + Xml.feedback(Xml.METADATA, Xml.POLICY).replace("</feedback>", "");
  private static final String FOOTER = "</feedback>";

  private final long records;
  private long produced;
  private byte[] chunk = HEADER.getBytes(UTF_8);
  private int position;
  private boolean finished;

  GeneratedReport(long records) {
    this.records = records;
  }

  /** Record {@code i} (from 0) comes from 10.x.y.z and counts {@code i % 7 + 1} messages. */
  static long messagesIn(long records) {
    long total = 0;
    for (long i = 0; i < records; i++) {
      total += i % 7 + 1;
    }
    return total;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    while (position == chunk.length) {
      if (finished) {
        return -1;
      }
      chunk = nextChunk();
      position = 0;
    }
    int n = Math.min(length, chunk.length - position);
    System.arraycopy(chunk, position, buffer, offset, n);
    position += n;
    return n;
  }

  private byte[] nextChunk() {
    if (produced == records) {
      finished = true;
      return FOOTER.getBytes(UTF_8);
    }
    long i = produced++;
    String ip = "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF);
    return ("<record><row><source_ip>"
            + ip
            + "</source_ip><count>"
            + (i % 7 + 1)
            + "</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim>"
            + "<spf>fail</spf></policy_evaluated></row><identifiers><header_from>example.com"
            + "</header_from></identifiers><auth_results><dkim><domain>example.com</domain>"
            + "<selector>s1</selector><result>pass</result></dkim><spf><domain>bounce.example.net"
            + "</domain><scope>mfrom</scope><result>fail</result></spf></auth_results></record>\n")
        .getBytes(UTF_8);
  }
}
