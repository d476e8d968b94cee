package dev.puerto.check;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.Blocklists.Listing;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.dns.SpfEvaluator;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * {@code puerto check}: a domain's SPF, DKIM, DMARC, MX, MTA-STS and TLS-RPT, and given IPs, as DNS
 * (and the MTA-STS policy server) has them now.
 */
public final class DomainCheck {
  private final DnsClient dns;
  private final SpfAudit spf;
  private final DkimAudit dkim;
  private final DmarcAudit dmarc;
  private final MtaStsAudit mtaSts;
  private final TlsRptAudit tlsRpt;
  private final ReverseDns reverse;
  private final Blocklists blocklists;
  private final Clock clock;

  /**
   * Fetches MTA-STS policy files from {@code https://mta-sts.DOMAIN/}, validating certificates
   * against the JDK's default trust store.
   *
   * @param dns the one resolver every check asks, so that its resolver problem covers them all
   */
  public DomainCheck(DnsClient dns, Blocklists blocklists, Clock clock) {
    this(dns, blocklists, clock, MtaStsFetcher.standard());
  }

  /** With the MTA-STS policy files fetched by {@code fetcher} (tests: from a local server). */
  DomainCheck(DnsClient dns, Blocklists blocklists, Clock clock, MtaStsFetcher fetcher) {
    PolicyRecords policies = new PolicyRecords(dns);
    this.dns = dns;
    this.spf = new SpfAudit(new SpfEvaluator(dns, clock));
    this.dkim = new DkimAudit(policies);
    this.dmarc = new DmarcAudit(policies, new ReportDestinationAudit(dns));
    this.mtaSts = new MtaStsAudit(dns, fetcher);
    this.tlsRpt = new TlsRptAudit(dns);
    this.reverse = new ReverseDns(dns);
    this.blocklists = blocklists;
    this.clock = clock;
  }

  /** The checks in the order they are printed: the domain's records, then each IP. */
  public CheckReport check(String domain, List<String> selectors, List<InetAddress> ips) {
    List<CheckItem> items = new ArrayList<>();
    items.addAll(spf.audit(domain, ips));
    items.addAll(dkim.audit(domain, selectors));
    items.addAll(dmarc.audit(domain));
    MailHosts mail = new MailHosts(domain, dns.query(domain, Type.MX));
    items.addAll(mx(mail));
    items.addAll(mtaSts.audit(domain, mail));
    items.addAll(tlsRpt.audit(domain, mail));
    for (InetAddress ip : ips) {
      items.addAll(ptr(ip));
      items.addAll(blocklists(ip));
    }
    return new CheckReport(domain, clock.instant(), items);
  }

  private static List<CheckItem> mx(MailHosts mail) {
    Items mx = new Items("MX");
    String domain = mail.domain();
    DnsAnswer answer = mail.answer();
    if (answer.status().isFailure()) {
      mx.error("mx_dns_error", answer.describe(), "check the name servers of " + domain);
    } else if (answer.status().isEmpty()) {
      mx.warn(
          "mx_missing",
          domain
              + " has no MX record: mail to it (bounces, replies) goes to its A record or nowhere",
          "publish MX records, or \"0 .\" (null MX, RFC 7505) if it receives no mail");
    } else if (mail.nullMx()) {
      mx.ok("mx_null", "null MX: " + domain + " receives no mail");
    } else {
      mx.ok("mx_ok", String.join(", ", answer.targets()));
    }
    return mx.list();
  }

  private List<CheckItem> ptr(InetAddress ip) {
    Items ptr = new Items("PTR");
    HostName host = reverse.lookup(ip);
    String address = InetAddresses.toAddrString(ip);
    if (host.ptrAnswer().status().isFailure()) {
      ptr.error(
          "ptr_dns_error",
          address + ": " + host.ptrAnswer().describe(),
          "ask the owner of the IP range to fix its reverse zone");
    } else if (host.ptr() == null) {
      ptr.fail(
          "ptr_missing",
          address + " has no PTR record",
          "ask the owner of the IP (your provider) for a PTR name that resolves back to it");
    } else if (!host.forwardConfirmed()) {
      ptr.warn(
          "ptr_not_confirmed",
          address + " -> " + host.ptr() + ", which does not resolve back to " + address,
          "add an A/AAAA record " + host.ptr() + " -> " + address);
    } else {
      ptr.ok("ptr_ok", address + " -> " + host.ptr() + " (forward-confirmed)");
    }
    return ptr.list();
  }

  private List<CheckItem> blocklists(InetAddress ip) {
    Items listed = new Items("blocklist");
    String address = InetAddresses.toAddrString(ip);
    for (Listing listing : blocklists.check(ip)) {
      String subject = address + " on " + listing.zone();
      switch (listing.status()) {
        case NOT_LISTED -> listed.ok("blocklist_clean", subject + ": not listed");
        case LISTED ->
            listed.fail(
                "blocklist_listed",
                subject + ": listed (" + listing.meaning() + ")",
                "find and stop the cause, then request removal at the list's web site");
        case REFUSED ->
            listed.warn(
                "blocklist_refused",
                subject + ": " + listing.meaning(),
                "query through your own resolver (--dns-server)");
        case ERROR -> listed.error("blocklist_dns_error", subject + ": " + listing.meaning(), null);
      }
    }
    return listed.list();
  }
}
