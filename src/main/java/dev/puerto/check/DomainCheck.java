package dev.puerto.check;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.Blocklists.Listing;
import dev.puerto.dns.DmarcTreeWalk;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.SpfEvaluator;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * {@code puerto check}: a domain's SPF, DKIM, DMARC (with the DMARCbis tree walk), MX (with each
 * host's PTR), MTA-STS, TLS-RPT, BIMI and DNSSEC, and given IPs, as DNS (and the MTA-STS policy
 * server) has them now.
 */
public final class DomainCheck {
  /** MX hosts whose addresses are reverse-resolved (a domain has a few; bound the hostile). */
  private static final int MX_HOSTS = 10;

  private static final int ADDRESSES_PER_HOST = 4;

  private final DnsClient dns;
  private final SpfAudit spf;
  private final DkimAudit dkim;
  private final DmarcAudit dmarc;
  private final MtaStsAudit mtaSts;
  private final TlsRptAudit tlsRpt;
  private final PtrAudit ptrs;
  private final BimiAudit bimi;
  private final DnssecAudit dnssec;
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
    this.dmarc = new DmarcAudit(policies, new ReportDestinationAudit(dns), new DmarcTreeWalk(dns));
    this.mtaSts = new MtaStsAudit(dns, fetcher);
    this.tlsRpt = new TlsRptAudit(dns);
    this.ptrs = new PtrAudit(new ReverseDns(dns));
    this.bimi = new BimiAudit(dns, policies);
    this.dnssec = new DnssecAudit(dns);
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
    items.addAll(bimi.audit(domain));
    items.addAll(dnssec.audit(domain));
    for (InetAddress ip : ips) {
      items.addAll(ptr(ip));
      items.addAll(blocklists(ip));
    }
    return new CheckReport(domain, clock.instant(), items);
  }

  private List<CheckItem> mx(MailHosts mail) {
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
      mail.hosts().stream().limit(MX_HOSTS).forEach(host -> mxHost(domain, host, mx));
    }
    return mx.list();
  }

  /** An MX host's addresses, each with its PTR name and whether that resolves back (FCrDNS). */
  private void mxHost(String domain, String host, Items mx) {
    DnsAnswer v4 = dns.query(host, Type.A);
    DnsAnswer v6 = dns.query(host, Type.AAAA);
    List<InetAddress> addresses = new ArrayList<>(v4.addresses());
    addresses.addAll(v6.addresses());
    if (addresses.isEmpty()) {
      DnsAnswer failed = v4.status().isFailure() ? v4 : v6.status().isFailure() ? v6 : null;
      if (failed != null) {
        mx.error(
            "mx_host_dns_error",
            "MX " + host + ": " + failed.describe(),
            "check the name servers of " + host);
      } else {
        mx.fail(
            "mx_host_no_address",
            "MX " + host + " has no A or AAAA record: senders cannot deliver to it",
            "publish an A/AAAA record for " + host + ", or remove it from the MX of " + domain);
      }
      return;
    }
    for (InetAddress ip : addresses.stream().limit(ADDRESSES_PER_HOST).toList()) {
      ptrs.audit(ip, "mx_ptr", "MX " + host + " " + InetAddresses.toAddrString(ip), false, mx);
    }
  }

  private List<CheckItem> ptr(InetAddress ip) {
    Items ptr = new Items("PTR");
    ptrs.audit(ip, "ptr", InetAddresses.toAddrString(ip), true, ptr);
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
