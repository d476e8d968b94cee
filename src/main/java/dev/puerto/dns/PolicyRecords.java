package dev.puerto.dns;

import java.util.List;
import org.xbill.DNS.Type;

/** DMARC policy and DKIM key lookups. */
public final class PolicyRecords {
  private final DnsClient dns;

  public PolicyRecords(DnsClient dns) {
    this.dns = dns;
  }

  /**
   * The DMARC record that applies to a domain: its own {@code _dmarc} record, else its
   * organizational domain's (RFC 7489 6.6.3).
   */
  public DmarcLookup dmarc(String domain) {
    DmarcLookup own = dmarcAt(domain, domain);
    String org = OrgDomains.of(domain).orElse(domain);
    if (own.status() != DmarcLookup.Status.MISSING || org.equals(domain)) {
      return own;
    }
    DmarcLookup inherited = dmarcAt(domain, org);
    return inherited.status() == DmarcLookup.Status.MISSING ? own : inherited;
  }

  private DmarcLookup dmarcAt(String domain, String at) {
    DnsAnswer answer = dns.query("_dmarc." + at, Type.TXT);
    if (answer.status().isFailure()) {
      return new DmarcLookup(domain, at, DmarcLookup.Status.DNS_ERROR, null, answer);
    }
    List<String> records = answer.texts().stream().filter(DmarcRecord::isDmarc).toList();
    if (records.isEmpty()) {
      return new DmarcLookup(domain, at, DmarcLookup.Status.MISSING, null, answer);
    }
    if (records.size() > 1) {
      return new DmarcLookup(
          domain, at, DmarcLookup.Status.MULTIPLE, DmarcRecord.parse(records.get(0)), answer);
    }
    return new DmarcLookup(
        domain, at, DmarcLookup.Status.FOUND, DmarcRecord.parse(records.get(0)), answer);
  }

  /** The key at {@code SELECTOR._domainkey.DOMAIN}. */
  public DkimLookup dkim(String domain, String selector) {
    String name = selector + "._domainkey." + domain;
    DnsAnswer answer = dns.query(name, Type.TXT);
    List<String> texts = answer.texts();
    DkimKey key = texts.isEmpty() ? null : DkimKey.parse(texts.get(0));
    return new DkimLookup(domain, selector, name, answer, key, texts.size());
  }

  /**
   * @param at the domain whose {@code _dmarc} record was found (the organizational domain when
   *     inherited)
   * @param record the record (the first one when MULTIPLE), null when MISSING or DNS_ERROR
   */
  public record DmarcLookup(
      String domain, String at, Status status, DmarcRecord record, DnsAnswer answer) {
    public enum Status {
      FOUND,
      MISSING,
      /** More than one record: receivers then apply none. */
      MULTIPLE,
      DNS_ERROR
    }
  }

  /**
   * @param key the parsed key, null when there is no TXT record (see the answer's status)
   * @param records TXT records at the name (more than one is a problem)
   */
  public record DkimLookup(
      String domain, String selector, String name, DnsAnswer answer, DkimKey key, int records) {}
}
