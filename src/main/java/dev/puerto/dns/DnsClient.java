package dev.puerto.dns;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * Asks one resolver, through a per-run cache that honours TTLs (negative answers by the SOA
 * minimum) and with at most {@code concurrency} questions in flight. A question asked again while
 * the first is in flight waits for that answer rather than sending its own. Thread-safe.
 *
 * <p>A failure (timeout, refusal, SERVFAIL) before any question got an answer may be the resolver's
 * own, not the domain's: the client then asks the resolver for the root zone's NS records once. If
 * that fails too, the resolver is taken to be unusable ({@link #resolverProblem()}), and every
 * later question fails at once with the same status instead of waiting for its own timeout.
 */
public final class DnsClient {
  /**
   * How long a SERVFAIL, error or timeout is remembered: long enough to not hammer a broken zone.
   */
  private static final long FAILURE_TTL = 30;

  /** Default negative TTL when an empty answer carries no SOA. */
  private static final long DEFAULT_NEGATIVE_TTL = 60;

  /**
   * @param timeout per attempt
   * @param attempts attempts per question (UDP; dnsjava retries over TCP on truncation)
   * @param concurrency questions in flight at once
   */
  public record Settings(Duration timeout, int attempts, int concurrency) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(3), 2, 32);
    }
  }

  private final Resolver resolver;
  private final String resolverName;
  private final Settings settings;
  private final Clock clock;
  private final Semaphore inFlight;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final Object probing = new Object();

  /** Some question got an answer, or the root probe did: failures are not the resolver's. */
  private volatile boolean resolverWorks;

  /** The root probe's failure, once the resolver is known not to work; then no more is sent. */
  private volatile DnsStatus resolverFailure;

  public DnsClient(Resolver resolver, Settings settings, Clock clock) {
    this(resolver, describe(resolver), settings, clock);
  }

  /**
   * @param resolverName how messages name the resolver, e.g. {@code 127.0.0.1:5353 (from
   *     PUERTO_DNS_SERVER)}
   */
  public DnsClient(Resolver resolver, String resolverName, Settings settings, Clock clock) {
    this.resolver = resolver;
    this.resolverName = resolverName;
    this.settings = settings;
    this.clock = clock;
    this.inFlight = new Semaphore(settings.concurrency());
    resolver.setTimeout(settings.timeout());
  }

  /** The system's resolvers (/etc/resolv.conf and equivalents). */
  public static DnsClient system(Settings settings) {
    ExtendedResolver resolver = new ExtendedResolver();
    resolver.setRetries(0);
    List<String> servers =
        ResolverConfig.getCurrentConfig().servers().stream().map(DnsClient::hostAndPort).toList();
    String name =
        (servers.isEmpty() ? "(none configured)" : String.join(", ", servers)) + " (the system's)";
    return new DnsClient(resolver, name, settings, Clock.systemUTC());
  }

  /**
   * One server, {@code HOST}, {@code HOST:PORT} or {@code [IPv6]:PORT}.
   *
   * @throws IllegalArgumentException when the text is not a host and optional port
   */
  public static DnsClient server(String hostAndPort, Settings settings)
      throws UnknownHostException {
    return server(hostAndPort, hostAndPort, settings);
  }

  /**
   * One server, named in messages as {@code name}.
   *
   * @throws IllegalArgumentException when the text is not a host and optional port
   */
  public static DnsClient server(String hostAndPort, String name, Settings settings)
      throws UnknownHostException {
    String host = hostAndPort;
    int port = SimpleResolver.DEFAULT_PORT;
    int colon = hostAndPort.lastIndexOf(':');
    boolean bracketed = hostAndPort.startsWith("[");
    if (colon > 0 && (bracketed || hostAndPort.indexOf(':') == colon)) {
      host = hostAndPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostAndPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "not a port number: " + hostAndPort.substring(colon + 1));
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }
    if (bracketed) {
      host = host.replace("[", "").replace("]", "");
    }
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(java.net.InetAddress.getByName(host), port));
    return new DnsClient(resolver, name, settings, Clock.systemUTC());
  }

  /**
   * Why the resolver itself is unusable, when it is known to be: every question failed and so did
   * the probe for the root zone. The message names the resolver and says what to check, e.g. {@code
   * the DNS resolver 127.0.0.1:5353 did not answer (check --dns-server / your network)}.
   */
  public Optional<String> resolverProblem() {
    DnsStatus failure = resolverFailure;
    if (failure == null) {
      return Optional.empty();
    }
    String what =
        switch (failure) {
          case TIMEOUT -> "did not answer";
          case REFUSED -> "refused to answer";
          case SERVFAIL -> "answered SERVFAIL even for the root zone: it cannot resolve anything";
          default -> "answered with an error even for the root zone";
        };
    return Optional.of(
        "the DNS resolver " + resolverName + " " + what + " (check --dns-server / your network)");
  }

  private static String describe(Resolver resolver) {
    return resolver instanceof SimpleResolver simple
        ? hostAndPort(simple.getAddress())
        : resolver.toString();
  }

  private static String hostAndPort(InetSocketAddress address) {
    String host = InetAddresses.toAddrString(address.getAddress());
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** Questions sent to the resolver so far (attempts, not answers from the cache). */
  public long queriesSent() {
    return sent.get();
  }

  /** Asks for {@code type} records of {@code domain}; a malformed name is answered NXDOMAIN. */
  public DnsAnswer query(String domain, int type) {
    Name name = DnsNames.parse(domain);
    if (name == null) {
      return new DnsAnswer(domain, type, DnsStatus.NXDOMAIN, List.of(), clock.instant(), 0);
    }
    return query(name, type);
  }

  public DnsAnswer query(Name name, int type) {
    String key = DnsNames.text(name) + "/" + type;
    CompletableFuture<DnsAnswer> mine = new CompletableFuture<>();
    Instant now = clock.instant();
    Entry entry =
        cache.compute(key, (k, old) -> old != null && old.live(now) ? old : new Entry(mine));
    if (entry.answer != mine) {
      return entry.answer.join();
    }
    DnsAnswer answer;
    try {
      answer = ask(name, type);
      if (!answer.status().isFailure()) {
        resolverWorks = true;
      } else if (!resolverWorks) {
        probeResolver();
      }
    } catch (RuntimeException | Error e) {
      cache.remove(key, entry);
      mine.completeExceptionally(e);
      throw e;
    }
    entry.expiresAt = answer.seenAt().plusSeconds(answer.ttl());
    mine.complete(answer);
    return answer;
  }

  /** Once: does the resolver answer for the root zone, which every resolver can? */
  private void probeResolver() {
    synchronized (probing) {
      if (resolverWorks || resolverFailure != null) {
        return;
      }
      DnsAnswer root = send(Name.root, org.xbill.DNS.Type.NS);
      if (root.status().isFailure()) {
        resolverFailure = root.status();
      } else {
        resolverWorks = true;
      }
    }
  }

  private DnsAnswer ask(Name name, int type) {
    DnsStatus failure = resolverFailure;
    if (failure != null) {
      // The resolver is known not to work: no point in waiting for another timeout.
      return new DnsAnswer(
          DnsNames.text(name), type, failure, List.of(), clock.instant(), FAILURE_TTL);
    }
    return send(name, type);
  }

  private DnsAnswer send(Name name, int type) {
    Message question = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    // RFC 6840 5.7: AD in a query asks a validating resolver to say whether it validated.
    question.getHeader().setFlag(Flags.AD);
    String text = DnsNames.text(name);
    inFlight.acquireUninterruptibly();
    try {
      for (int attempt = 1; ; attempt++) {
        sent.incrementAndGet();
        try {
          return interpret(text, name, type, resolver.send(question));
        } catch (IOException timeout) {
          if (attempt >= settings.attempts()) {
            return new DnsAnswer(
                text, type, DnsStatus.TIMEOUT, List.of(), clock.instant(), FAILURE_TTL);
          }
        }
      }
    } finally {
      inFlight.release();
    }
  }

  private DnsAnswer interpret(String text, Name name, int type, Message response) {
    Instant seen = clock.instant();
    boolean ad = response.getHeader().getFlag(Flags.AD);
    int rcode = response.getRcode();
    if (rcode == Rcode.SERVFAIL) {
      return new DnsAnswer(text, type, DnsStatus.SERVFAIL, List.of(), seen, FAILURE_TTL);
    }
    if (rcode == Rcode.REFUSED) {
      return new DnsAnswer(text, type, DnsStatus.REFUSED, List.of(), seen, FAILURE_TTL);
    }
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return new DnsAnswer(text, type, DnsStatus.ERROR, List.of(), seen, FAILURE_TTL);
    }
    // Follow the CNAME chain the resolver put in the answer section.
    List<Record> answers = response.getSection(Section.ANSWER);
    Name owner = name;
    List<Record> found = new ArrayList<>();
    for (int hops = 0; hops < 16; hops++) {
      Name current = owner;
      answers.stream()
          .filter(r -> r.getName().equals(current) && r.getType() == type)
          .forEach(found::add);
      CNAMERecord alias =
          answers.stream()
              .filter(r -> r.getName().equals(current) && r instanceof CNAMERecord)
              .map(CNAMERecord.class::cast)
              .findFirst()
              .orElse(null);
      if (!found.isEmpty() || alias == null || type == org.xbill.DNS.Type.CNAME) {
        break;
      }
      owner = alias.getTarget();
    }
    if (!found.isEmpty()) {
      long ttl = found.stream().mapToLong(Record::getTTL).min().orElse(0);
      return new DnsAnswer(text, type, DnsStatus.OK, found, seen, ttl, ad);
    }
    long negativeTtl =
        response.getSection(Section.AUTHORITY).stream()
            .filter(SOARecord.class::isInstance)
            .map(SOARecord.class::cast)
            .mapToLong(soa -> Math.min(soa.getTTL(), soa.getMinimum()))
            .findFirst()
            .orElse(DEFAULT_NEGATIVE_TTL);
    DnsStatus status = rcode == Rcode.NXDOMAIN ? DnsStatus.NXDOMAIN : DnsStatus.NODATA;
    return new DnsAnswer(text, type, status, List.of(), seen, negativeTtl, ad);
  }

  private static final class Entry {
    final CompletableFuture<DnsAnswer> answer;
    volatile Instant expiresAt;

    Entry(CompletableFuture<DnsAnswer> answer) {
      this.answer = answer;
    }

    boolean live(Instant now) {
      Instant expiry = expiresAt;
      return expiry == null || now.isBefore(expiry);
    }
  }
}
