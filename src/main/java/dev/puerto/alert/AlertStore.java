package dev.puerto.alert;

import static dev.puerto.schema.Tables.ALERTS;
import static dev.puerto.schema.Tables.ALERT_DELIVERIES;

import dev.puerto.schema.AlertChannel;
import dev.puerto.schema.DeliveryState;
import dev.puerto.schema.tables.records.AlertsRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The {@code alerts} and {@code alert_deliveries} tables: an alert is inserted once per rule,
 * subject and period (the unique key decides, so two evaluators at once fire it once), with one
 * pending delivery per channel configured then.
 */
final class AlertStore {
  private final DSLContext dsl;

  AlertStore(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Fires the alert unless it fired before; returns it when new. */
  Optional<FiredAlert> fire(Condition condition, Set<AlertChannel> channels, OffsetDateTime now) {
    return dsl.transactionResult(
        tx -> {
          AlertsRecord inserted =
              tx.dsl()
                  .insertInto(ALERTS)
                  .set(ALERTS.RULE, condition.rule())
                  .set(ALERTS.SUBJECT, condition.subject())
                  .set(ALERTS.PERIOD, condition.period())
                  .set(ALERTS.POLICY_DOMAIN, condition.domain())
                  .set(ALERTS.FIRED_AT, now)
                  .set(ALERTS.PAYLOAD, AlertJson.payload(condition))
                  .onConflictOnConstraint(org.jooq.impl.DSL.name("alerts_once"))
                  .doNothing()
                  .returning(ALERTS.ID, ALERTS.FIRED_AT)
                  .fetchOne();
          if (inserted == null) {
            return Optional.empty();
          }
          List<FiredAlert.Delivery> deliveries = new ArrayList<>();
          for (AlertChannel channel : channels) {
            tx.dsl()
                .insertInto(ALERT_DELIVERIES)
                .set(ALERT_DELIVERIES.ALERT_ID, inserted.getId())
                .set(ALERT_DELIVERIES.CHANNEL, channel)
                .set(ALERT_DELIVERIES.STATE, DeliveryState.PENDING)
                .execute();
            deliveries.add(new FiredAlert.Delivery(channel, DeliveryState.PENDING, 0, null, null));
          }
          return Optional.of(
              new FiredAlert(inserted.getId(), inserted.getFiredAt(), condition, deliveries));
        });
  }

  /** Alerts with a delivery pending or failed on one of {@code channels}, oldest first. */
  List<FiredAlert> undelivered(Set<AlertChannel> channels) {
    if (channels.isEmpty()) {
      return List.of();
    }
    var ids =
        dsl.selectDistinct(ALERT_DELIVERIES.ALERT_ID)
            .from(ALERT_DELIVERIES)
            .where(ALERT_DELIVERIES.STATE.in(DeliveryState.PENDING, DeliveryState.FAILED))
            .and(ALERT_DELIVERIES.CHANNEL.in(channels));
    return read(ALERTS.ID.in(ids), Integer.MAX_VALUE, false);
  }

  /** Records one attempt on one channel. */
  void attempted(
      long alertId, AlertChannel channel, DeliveryState state, String error, OffsetDateTime now) {
    dsl.update(ALERT_DELIVERIES)
        .set(ALERT_DELIVERIES.STATE, state)
        .set(ALERT_DELIVERIES.ATTEMPTS, ALERT_DELIVERIES.ATTEMPTS.plus(1))
        .set(ALERT_DELIVERIES.LAST_ATTEMPT_AT, now)
        .set(ALERT_DELIVERIES.LAST_ERROR, error)
        .set(ALERT_DELIVERIES.SENT_AT, state == DeliveryState.SENT ? now : null)
        .where(ALERT_DELIVERIES.ALERT_ID.eq(alertId))
        .and(ALERT_DELIVERIES.CHANNEL.eq(channel))
        .execute();
  }

  /** The latest alerts fired at or after {@code since}, newest first. */
  List<FiredAlert> list(OffsetDateTime since, int limit) {
    return read(ALERTS.FIRED_AT.ge(since), limit, true);
  }

  private List<FiredAlert> read(org.jooq.Condition which, int limit, boolean newestFirst) {
    Map<Long, AlertsRecord> alerts = new LinkedHashMap<>();
    for (AlertsRecord a :
        dsl.selectFrom(ALERTS)
            .where(which)
            .orderBy(newestFirst ? ALERTS.ID.desc() : ALERTS.ID.asc())
            .limit(limit)
            .fetch()) {
      alerts.put(a.getId(), a);
    }
    Map<Long, List<FiredAlert.Delivery>> deliveries = new LinkedHashMap<>();
    for (Record d :
        dsl.selectFrom(ALERT_DELIVERIES)
            .where(ALERT_DELIVERIES.ALERT_ID.in(alerts.keySet()))
            .orderBy(ALERT_DELIVERIES.ALERT_ID, ALERT_DELIVERIES.CHANNEL)
            .fetch()) {
      deliveries
          .computeIfAbsent(d.get(ALERT_DELIVERIES.ALERT_ID), k -> new ArrayList<>())
          .add(
              new FiredAlert.Delivery(
                  d.get(ALERT_DELIVERIES.CHANNEL),
                  d.get(ALERT_DELIVERIES.STATE),
                  d.get(ALERT_DELIVERIES.ATTEMPTS),
                  d.get(ALERT_DELIVERIES.SENT_AT),
                  d.get(ALERT_DELIVERIES.LAST_ERROR)));
    }
    return alerts.values().stream()
        .map(
            a ->
                new FiredAlert(
                    a.getId(),
                    a.getFiredAt(),
                    AlertJson.condition(a.getRule(), a.getPayload()),
                    deliveries.getOrDefault(a.getId(), List.of())))
        .toList();
  }
}
