package dev.puerto.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/**
 * Asks one resolver, through a per-run cache that honours TTLs (negative answers by the SOA
 * minimum) and with at most {@code concurrency} questions in flight. A question asked again while
 * the first is in flight waits for that answer rather than sending its own. Thread-safe.
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
  private final Settings settings;
  private final Clock clock;
  private final Semaphore inFlight;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();

  public DnsClient(Resolver resolver, Settings settings, Clock clock) {
    this.resolver = resolver;
    this.settings = settings;
    this.clock = clock;
    this.inFlight = new Semaphore(settings.concurrency());
    resolver.setTimeout(settings.timeout());
  }

  /** The system's resolvers (/etc/resolv.conf and equivalents). */
  public static DnsClient system(Settings settings) {
    ExtendedResolver resolver = new ExtendedResolver();
    resolver.setRetries(0);
    return new DnsClient(resolver, settings, Clock.systemUTC());
  }

  /**
   * One server, {@code HOST}, {@code HOST:PORT} or {@code [IPv6]:PORT}.
   *
   * @throws IllegalArgumentException when the text is not a host and optional port
   */
  public static DnsClient server(String hostAndPort, Settings settings)
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
    return new DnsClient(resolver, settings, Clock.systemUTC());
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
    } catch (RuntimeException | Error e) {
      cache.remove(key, entry);
      mine.completeExceptionally(e);
      throw e;
    }
    entry.expiresAt = answer.seenAt().plusSeconds(answer.ttl());
    mine.complete(answer);
    return answer;
  }

  private DnsAnswer ask(Name name, int type) {
    Message question = Message.newQuery(Record.newRecord(name, type, DClass.IN));
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
    int rcode = response.getRcode();
    if (rcode == Rcode.SERVFAIL) {
      return new DnsAnswer(text, type, DnsStatus.SERVFAIL, List.of(), seen, FAILURE_TTL);
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
      return new DnsAnswer(text, type, DnsStatus.OK, found, seen, ttl);
    }
    long negativeTtl =
        response.getSection(Section.AUTHORITY).stream()
            .filter(SOARecord.class::isInstance)
            .map(SOARecord.class::cast)
            .mapToLong(soa -> Math.min(soa.getTTL(), soa.getMinimum()))
            .findFirst()
            .orElse(DEFAULT_NEGATIVE_TTL);
    DnsStatus status = rcode == Rcode.NXDOMAIN ? DnsStatus.NXDOMAIN : DnsStatus.NODATA;
    return new DnsAnswer(text, type, status, List.of(), seen, negativeTtl);
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
