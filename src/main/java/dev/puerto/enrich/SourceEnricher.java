package dev.puerto.enrich;

import dev.puerto.dns.DnsClient;
import dev.puerto.dns.ReverseDns;
import dev.puerto.dns.ReverseDns.HostName;
import dev.puerto.schema.Placement;
import dev.puerto.sender.Attribution;
import dev.puerto.sender.Catalogue;
import dev.puerto.sender.Clues;
import dev.puerto.tools.NamedThreads;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the sources that are due: the PTR and its forward confirmation, the ASN, AS name and
 * country, and the known service that PTR or ASN belongs to (the sender catalogue) (from the IP
 * database when one is given, else Team Cymru's DNS service), for every source IP of the recent
 * reports that has no facts or expired ones. Lookups run {@code concurrency} at a time; rows are
 * saved in batches in their own short transactions, so imports never wait for DNS.
 */
public final class SourceEnricher {
  private static final Logger log = LoggerFactory.getLogger(SourceEnricher.class);

  /**
   * @param concurrency IPs looked up at once
   * @param expireAfter how long facts from a complete look are kept
   * @param retryAfter how long until an IP whose look failed (DNS timeout, SERVFAIL) is tried again
   * @param lookBack sources seen in the reports of this many days are named
   * @param cymru whether Team Cymru's DNS service may be asked (off for air-gapped installs)
   */
  public record Settings(
      int concurrency,
      Duration expireAfter,
      Duration retryAfter,
      Duration lookBack,
      boolean cymru) {
    public static Settings defaults() {
      return new Settings(32, Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(60), true);
    }
  }

  /** What one pass did. */
  public record Tally(int looked, int withPtr, int placed, int failed, Duration took) {}

  /** IPs per saved batch: one short transaction each. */
  private static final int BATCH = 500;

  private final DSLContext dsl;
  private final Supplier<DnsClient> resolvers;
  private final IpDatabase database;
  private final Catalogue catalogue;
  private final Settings settings;
  private final Clock clock;

  /**
   * @param resolvers a fresh client per pass, so that the client's cache lives as long as a pass
   */
  public SourceEnricher(
      DSLContext dsl,
      Supplier<DnsClient> resolvers,
      IpDatabase database,
      Catalogue catalogue,
      Settings settings,
      Clock clock) {
    this.dsl = dsl;
    this.catalogue = catalogue;
    this.resolvers = resolvers;
    this.database = database;
    this.settings = settings;
    this.clock = clock;
  }

  /** Names every source that is due, at most {@code limit}, busiest first. */
  public Tally run(int limit) throws InterruptedException {
    long started = System.nanoTime();
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    LocalDate since = now.toLocalDate().minusDays(settings.lookBack().toDays());
    Hosts hosts = new Hosts(dsl);
    List<InetAddress> due = hosts.due(since, now, limit);
    if (due.isEmpty()) {
      return new Tally(0, 0, 0, 0, Duration.ofNanos(System.nanoTime() - started));
    }
    DnsClient dns = resolvers.get();
    Look look =
        new Look(new ReverseDns(dns), new Cymru(dns), database, catalogue, settings.cymru());
    int withPtr = 0;
    int placed = 0;
    int failed = 0;
    ExecutorService pool = NamedThreads.pool("enrich-dns", settings.concurrency());
    try {
      for (int from = 0; from < due.size(); from += BATCH) {
        List<Future<HostFacts>> looks = new ArrayList<>();
        for (InetAddress ip : due.subList(from, Math.min(due.size(), from + BATCH))) {
          looks.add(pool.submit(() -> look.at(ip)));
        }
        List<HostFacts> batch = new ArrayList<>();
        for (Future<HostFacts> f : looks) {
          try {
            batch.add(f.get());
          } catch (ExecutionException e) {
            // A bug in one look must not lose the rest of the batch.
            log.warn("naming a source failed: {}", e.getCause().toString());
          }
        }
        hosts.save(batch, now, now.plus(settings.expireAfter()), now.plus(settings.retryAfter()));
        for (HostFacts h : batch) {
          withPtr += h.ptr() != null ? 1 : 0;
          placed += h.routing() != null ? 1 : 0;
          failed += h.lookupFailed() ? 1 : 0;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    dns.resolverProblem()
        .ifPresent(
            problem ->
                log.warn(
                    "sources named without DNS: {}; their PTR, ASN and country stay unknown{}",
                    problem,
                    database.isEmpty() ? " (--ip-database FILE places them offline)" : ""));
    return new Tally(
        due.size(), withPtr, placed, failed, Duration.ofNanos(System.nanoTime() - started));
  }

  /** One IP's look: the PTR, then the placement, from the file first. */
  private record Look(
      ReverseDns reverse, Cymru cymru, IpDatabase database, Catalogue catalogue, boolean askCymru) {
    HostFacts at(InetAddress ip) {
      List<String> unknown = new ArrayList<>();
      HostName name = reverse.lookup(ip);
      Boolean confirmed = name.forwardConfirmed() ? Boolean.TRUE : null;
      if (name.ptrAnswer().status().isFailure()) {
        unknown.add("PTR: DNS " + name.ptrAnswer().status());
      } else if (name.ptr() == null) {
        unknown.add("no PTR record");
        confirmed = Boolean.FALSE;
      } else if (!name.forwardConfirmed()) {
        confirmed = Boolean.FALSE;
      }
      Routing routing = null;
      Placement placedBy = null;
      Optional<Routing> fromFile = database.lookup(ip);
      if (fromFile.isPresent()) {
        routing = fromFile.get();
        placedBy = Placement.IP_DATABASE;
      }
      if ((routing == null || routing.asn() == null) && askCymru) {
        Cymru.Answer answer = cymru.lookup(ip);
        if (answer instanceof Cymru.Routed routed) {
          routing = routing == null ? routed.routing() : routing.or(routed.routing());
          placedBy = placedBy == null ? Placement.CYMRU : placedBy;
        } else if (answer instanceof Cymru.Failed f) {
          unknown.add("ASN: DNS " + f.status());
        } else {
          unknown.add("not announced on the internet (Team Cymru)");
        }
      } else if (routing == null) {
        unknown.add(
            !database.isEmpty()
                ? "not in the IP database"
                : "ASN and country: no IP database and Team Cymru lookups are off");
      } else if (routing.asn() == null) {
        unknown.add("ASN: not in the IP database");
      }
      // Only a confirmed PTR names a service: anyone can publish any PTR for their own IPs.
      Clues clues =
          new Clues(
              List.of(),
              List.of(),
              List.of(),
              Boolean.TRUE.equals(confirmed) ? name.ptr() : null,
              routing == null ? null : routing.asn());
      Attribution sender = catalogue.attribute(clues).orElse(null);
      return new HostFacts(
          ip, name.ptr(), confirmed, name.orgDomain(), routing, placedBy, sender, unknown);
    }
  }
}
