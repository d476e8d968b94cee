package dev.puerto.analyze;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.Blocklists;
import dev.puerto.dns.Blocklists.Listing;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.PolicyRecords;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.dns.SpfEvaluator;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.sender.Catalogue;
import dev.puerto.sender.Sender;
import dev.puerto.store.Database;
import dev.puerto.tools.Causes;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cross-checks every (policy domain, source IP) that failed DMARC in a window against DNS as it is
 * now, classifies it with a recommended action, checks the domains' own passing sending IPs for PTR
 * and blocklistings, and stores it all (replacing the window's earlier findings, but not a verdict
 * judged before with one this run could not judge). When the resolver itself does not answer, the
 * run has learnt nothing and stores nothing.
 */
public final class Analyzer {
  /** Passing sending IPs checked per domain, the busiest first. */
  static final int SENDING_HOSTS_PER_DOMAIN = 20;

  private final FindingStore store;
  private final DnsClient dns;
  private final Classifier classifier;
  private final ReverseDns reverse;
  private final Blocklists blocklists;
  private final Catalogue catalogue;
  private final Clock clock;
  private final int workers;

  /**
   * @param dns the one resolver every lookup goes through, so that its resolver problem covers them
   * @param workers sources analysed at once (the DNS client bounds the queries in flight)
   */
  public Analyzer(
      Database database,
      DnsClient dns,
      Blocklists blocklists,
      Catalogue catalogue,
      Clock clock,
      int workers) {
    this(database, database, dns, blocklists, catalogue, clock, workers);
  }

  /** An analyzer writing its actions in English. */
  public Analyzer(
      Database reads,
      Database writes,
      DnsClient dns,
      Blocklists blocklists,
      Catalogue catalogue,
      Clock clock,
      int workers) {
    this(reads, writes, dns, blocklists, catalogue, clock, workers, Messages.of(Lang.EN));
  }

  /**
   * @param reads where the reports are read from, e.g. a read-only hot standby of {@code writes}
   * @param writes where findings and hosts are stored (and the verdicts judged before are read, in
   *     the same transaction)
   * @param messages the language of the findings' actions, as stored
   */
  public Analyzer(
      Database reads,
      Database writes,
      DnsClient dns,
      Blocklists blocklists,
      Catalogue catalogue,
      Clock clock,
      int workers,
      Messages messages) {
    this.store = new FindingStore(reads, writes);
    this.dns = dns;
    this.catalogue = catalogue;
    this.reverse = new ReverseDns(dns);
    this.classifier =
        new Classifier(
            new SpfEvaluator(dns, clock),
            new PolicyRecords(dns),
            reverse,
            catalogue,
            clock,
            new Actions(messages));
    this.blocklists = blocklists;
    this.clock = clock;
    this.workers = workers;
  }

  /**
   * The result of one run: findings by domain then messages (most first), and sending hosts.
   *
   * @param kept verdicts judged before that stay stored for sources this run could not judge
   * @param resolverProblem why the DNS resolver itself did not work, or null; then nothing was
   *     stored
   */
  public record Analysis(
      Window window,
      List<Finding> findings,
      List<HostCheck> sendingHosts,
      List<KeptVerdict> kept,
      String resolverProblem) {
    /** The verdict kept for a dns_error finding, if any. */
    public Optional<KeptVerdict> kept(Finding finding) {
      return kept.stream()
          .filter(
              k ->
                  k.policyDomain().equals(finding.policyDomain())
                      && k.sourceIp().equals(finding.sourceIp()))
          .findFirst();
    }
  }

  /** DKIM selectors the stored reports name for a domain. */
  public static List<String> selectorsSeen(Database database, String domain) {
    return new FindingStore(database, database).selectorsSeen(domain);
  }

  public Analysis analyze(Window window, Optional<String> domain) throws InterruptedException {
    List<FailingSource> failing = store.failingSources(window, domain);
    Map<String, List<InetAddress>> passing =
        store.passingSources(window, domain, SENDING_HOSTS_PER_DOMAIN);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Classifier.Result>> results = new ArrayList<>();
      failing.forEach(source -> results.add(pool.submit(() -> classifier.classify(source))));
      List<Future<HostCheck>> hosts = new ArrayList<>();
      passing.forEach(
          (d, ips) -> ips.forEach(ip -> hosts.add(pool.submit(() -> sendingHost(d, ip)))));
      List<Finding> findings = new ArrayList<>();
      List<HostCheck> allHosts = new ArrayList<>();
      for (Future<Classifier.Result> result : results) {
        Classifier.Result r = get(result::get);
        findings.add(r.finding());
        allHosts.add(r.host());
      }
      List<HostCheck> sendingHosts = new ArrayList<>();
      for (Future<HostCheck> host : hosts) {
        sendingHosts.add(get(host::get));
      }
      allHosts.addAll(sendingHosts);
      findings.sort(
          Comparator.comparing(Finding::policyDomain)
              .thenComparing(Comparator.comparingLong(Finding::messages).reversed()));
      Optional<String> resolverProblem = dns.resolverProblem();
      if (resolverProblem.isPresent()) {
        return new Analysis(
            window,
            List.copyOf(findings),
            List.copyOf(sendingHosts),
            List.of(),
            resolverProblem.get());
      }
      List<KeptVerdict> kept =
          store.save(window, domain, findings, allHosts, clock.instant().atOffset(ZoneOffset.UTC));
      return new Analysis(window, List.copyOf(findings), List.copyOf(sendingHosts), kept, null);
    } finally {
      pool.shutdownNow();
    }
  }

  private HostCheck sendingHost(String domain, InetAddress ip) {
    HostName host = reverse.lookup(ip);
    List<String> problems = new ArrayList<>();
    if (host.ptrAnswer().status().isFailure()) {
      problems.add("PTR lookup failed: " + host.ptrAnswer().status());
    } else if (host.ptr() == null) {
      problems.add("no PTR record: many receivers distrust or reject mail from such IPs");
    } else if (!host.forwardConfirmed()) {
      problems.add(
          "PTR " + host.ptr() + " does not resolve back to " + InetAddresses.toAddrString(ip));
    }
    List<String> listedOn = new ArrayList<>();
    for (Listing listing : blocklists.check(ip)) {
      switch (listing.status()) {
        case LISTED -> {
          listedOn.add(listing.zone());
          problems.add("listed on " + listing.zone() + " (" + listing.meaning() + ")");
        }
        case REFUSED, ERROR -> problems.add(listing.zone() + ": " + listing.meaning());
        case NOT_LISTED -> {}
      }
    }
    String service =
        host.forwardConfirmed() ? catalogue.byPtr(host.ptr()).map(Sender::name).orElse(null) : null;
    return new HostCheck(
        domain,
        ip,
        host.ptr(),
        host.ptrAnswer().status().isFailure() ? null : host.forwardConfirmed(),
        host.orgDomain(),
        service,
        List.copyOf(listedOn),
        List.copyOf(problems));
  }

  private interface Task<T> {
    T get() throws InterruptedException, ExecutionException;
  }

  private static <T> T get(Task<T> task) throws InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      throw Causes.rethrown(e);
    }
  }
}
