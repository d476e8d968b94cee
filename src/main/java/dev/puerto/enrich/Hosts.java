package dev.puerto.enrich;

import static dev.puerto.schema.Tables.DMARC_DAILY_ROLLUPS;
import static dev.puerto.schema.Tables.HOSTS;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.postgres.extensions.types.Cidr;
import org.jooq.postgres.extensions.types.Inet;

/**
 * The {@code hosts} rows the enricher reads and writes, and the sources due (from {@code
 * dmarc_daily_rollups}, which counts records whose roll-up is still pending).
 */
final class Hosts {
  private final DSLContext dsl;

  Hosts(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Source IPs seen on or after {@code since} with no facts yet or expired ones, busiest first so
   * that a short run names the sources that matter most.
   */
  List<InetAddress> due(LocalDate since, OffsetDateTime now, int limit) {
    var messages = DSL.sum(DMARC_DAILY_ROLLUPS.MESSAGES);
    return dsl.select(DMARC_DAILY_ROLLUPS.SOURCE_IP, messages)
        .from(DMARC_DAILY_ROLLUPS)
        .where(DMARC_DAILY_ROLLUPS.DAY.ge(since))
        .and(
            DSL.notExists(
                DSL.selectOne()
                    .from(HOSTS)
                    .where(HOSTS.IP.eq(DMARC_DAILY_ROLLUPS.SOURCE_IP))
                    .and(HOSTS.EXPIRES_AT.gt(now))))
        .groupBy(DMARC_DAILY_ROLLUPS.SOURCE_IP)
        .orderBy(messages.desc(), DMARC_DAILY_ROLLUPS.SOURCE_IP)
        .limit(limit)
        .fetch(r -> r.value1().address());
  }

  /**
   * Saves one batch. A PTR lookup that failed keeps the PTR of the last good look; a failed
   * placement keeps the last good ASN and country; a look that names no service keeps the one named
   * before (analyze names services from more evidence: the reports' DKIM and SPF domains).
   */
  void save(
      List<HostFacts> batch, OffsetDateTime now, OffsetDateTime expires, OffsetDateTime retry) {
    if (batch.isEmpty()) {
      return;
    }
    var insert =
        dsl.insertInto(
            HOSTS,
            HOSTS.IP,
            HOSTS.PTR,
            HOSTS.FORWARD_CONFIRMED,
            HOSTS.ORG_DOMAIN,
            HOSTS.ASN,
            HOSTS.AS_NAME,
            HOSTS.COUNTRY,
            HOSTS.NETWORK,
            HOSTS.PLACED_BY,
            HOSTS.SERVICE,
            HOSTS.SERVICE_KIND,
            HOSTS.UNKNOWN,
            HOSTS.CHECKED_AT,
            HOSTS.EXPIRES_AT);
    for (HostFacts h : batch) {
      Routing r = h.routing();
      insert =
          insert.values(
              Inet.inet(h.ip()),
              h.ptr(),
              h.forwardConfirmed(),
              h.orgDomain(),
              r == null ? null : r.asn(),
              r == null ? null : r.asName(),
              r == null ? null : r.country(),
              r == null ? null : cidr(r.network()),
              h.placedBy(),
              h.sender() == null ? null : h.sender().service(),
              h.sender() == null ? null : h.sender().kind().json(),
              h.unknown().toArray(String[]::new),
              now,
              h.lookupFailed() ? retry : expires);
    }
    insert
        .onConflict(HOSTS.IP)
        .doUpdate()
        .set(HOSTS.PTR, keepOnFailure(HOSTS.PTR))
        .set(HOSTS.FORWARD_CONFIRMED, keepOnFailure(HOSTS.FORWARD_CONFIRMED))
        .set(HOSTS.ORG_DOMAIN, keepOnFailure(HOSTS.ORG_DOMAIN))
        .set(HOSTS.ASN, DSL.coalesce(DSL.excluded(HOSTS.ASN), HOSTS.ASN))
        .set(
            HOSTS.AS_NAME,
            DSL.when(DSL.excluded(HOSTS.ASN).isNull(), HOSTS.AS_NAME)
                .otherwise(DSL.excluded(HOSTS.AS_NAME)))
        .set(HOSTS.COUNTRY, DSL.coalesce(DSL.excluded(HOSTS.COUNTRY), HOSTS.COUNTRY))
        .set(HOSTS.NETWORK, DSL.coalesce(DSL.excluded(HOSTS.NETWORK), HOSTS.NETWORK))
        .set(HOSTS.PLACED_BY, DSL.coalesce(DSL.excluded(HOSTS.PLACED_BY), HOSTS.PLACED_BY))
        .set(HOSTS.SERVICE, DSL.coalesce(DSL.excluded(HOSTS.SERVICE), HOSTS.SERVICE))
        .set(
            HOSTS.SERVICE_KIND,
            DSL.when(DSL.excluded(HOSTS.SERVICE).isNull(), HOSTS.SERVICE_KIND)
                .otherwise(DSL.excluded(HOSTS.SERVICE_KIND)))
        .set(HOSTS.UNKNOWN, DSL.excluded(HOSTS.UNKNOWN))
        .set(HOSTS.CHECKED_AT, DSL.excluded(HOSTS.CHECKED_AT))
        .set(HOSTS.EXPIRES_AT, DSL.excluded(HOSTS.EXPIRES_AT))
        .execute();
  }

  /**
   * A prefix as PostgreSQL's {@code cidr} takes it: host bits cleared (a source may write
   * 192.0.2.1/24, which the column refuses); null for anything that is not an address and a length
   * that fits it.
   */
  static Cidr cidr(String network) {
    if (network == null) {
      return null;
    }
    int slash = network.indexOf('/');
    if (slash < 0 || !InetAddresses.isInetAddress(network.substring(0, slash))) {
      return null;
    }
    byte[] bytes = InetAddresses.forString(network.substring(0, slash)).getAddress();
    int length;
    try {
      length = Integer.parseInt(network.substring(slash + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (length < 0 || length > bytes.length * 8) {
      return null;
    }
    for (int bit = length; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    try {
      return Cidr.valueOf(InetAddress.getByAddress(bytes), length);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
    }
  }

  /** The new value, unless this look's PTR lookup failed (forward_confirmed unknown). */
  private static <T> org.jooq.Field<T> keepOnFailure(org.jooq.TableField<?, T> column) {
    return DSL.when(DSL.excluded(HOSTS.FORWARD_CONFIRMED).isNull(), column)
        .otherwise(DSL.excluded(column));
  }
}
