package dev.puerto.dns;

import com.google.common.net.InetAddresses;
import java.time.Instant;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * One DNS answer as the analyzer cites it: question, outcome, records and when it was seen.
 *
 * @param ttl seconds the answer may be reused (the negative-caching TTL for NXDOMAIN and NODATA)
 * @param authenticated the resolver set the AD bit: it validated the answer with DNSSEC (RFC 4035
 *     3.2.3). Only a validating resolver sets it, so false means "unsigned, or not checked".
 */
public record DnsAnswer(
    String name,
    int type,
    DnsStatus status,
    List<Record> records,
    Instant seenAt,
    long ttl,
    boolean authenticated) {
  public DnsAnswer {
    records = List.copyOf(records);
  }

  /** An answer the resolver did not authenticate (or that no resolver gave). */
  public DnsAnswer(
      String name, int type, DnsStatus status, List<Record> records, Instant seenAt, long ttl) {
    this(name, type, status, records, seenAt, ttl, false);
  }

  /** TXT strings of each record, each record's strings joined without separator (RFC 7208 3.3). */
  public List<String> texts() {
    return records.stream()
        .filter(TXTRecord.class::isInstance)
        .map(r -> joinBytes(((TXTRecord) r).getStringsAsByteArrays()))
        .toList();
  }

  /** Addresses of A and AAAA records. */
  public List<java.net.InetAddress> addresses() {
    return records.stream()
        .map(
            r ->
                r instanceof ARecord a
                    ? a.getAddress()
                    : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Names of MX and PTR records, without the trailing dot, in answer order (MX by preference). */
  public List<String> targets() {
    return records.stream()
        .sorted(
            java.util.Comparator.comparingInt(r -> r instanceof MXRecord mx ? mx.getPriority() : 0))
        .map(
            r ->
                r instanceof MXRecord mx
                    ? mx.getTarget()
                    : r instanceof PTRRecord ptr ? ptr.getTarget() : null)
        .filter(java.util.Objects::nonNull)
        .map(DnsNames::text)
        .toList();
  }

  /** A one-line description, e.g. {@code example.com TXT: NXDOMAIN}. */
  public String describe() {
    String head = name + " " + Type.string(type) + ": ";
    if (status != DnsStatus.OK) {
      return head + status;
    }
    return head + String.join(" | ", records.stream().map(DnsAnswer::text).toList());
  }

  /**
   * A record's data as people read it: as dnsjava writes it, except that IPv6 addresses are in RFC
   * 5952 form ({@code 2001:db8::1}, as PostgreSQL prints them), not Java's {@code
   * 2001:db8:0:0:0:0:0:1}.
   */
  public static String text(Record record) {
    return record instanceof AAAARecord aaaa
        ? InetAddresses.toAddrString(aaaa.getAddress())
        : record.rdataToString();
  }

  private static String joinBytes(List<byte[]> strings) {
    StringBuilder text = new StringBuilder();
    // ISO-8859-1 keeps every byte as one char, so non-ASCII bytes stay visible to syntax checks.
    strings.forEach(s -> text.append(new String(s, java.nio.charset.StandardCharsets.ISO_8859_1)));
    return text.toString();
  }
}
