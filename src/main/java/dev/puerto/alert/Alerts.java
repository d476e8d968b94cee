package dev.puerto.alert;

import dev.puerto.schema.AlertChannel;
import dev.puerto.schema.DeliveryState;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the rules and delivers: {@link #check} fires each condition met that has not fired
 * before (once per rule, subject and period) and then delivers every alert with a delivery pending
 * or failed on a configured channel, new and old alike. A delivery failing for {@link #GIVE_UP} is
 * no longer tried.
 */
public final class Alerts {
  /** How long a failing delivery is tried again. */
  static final Duration GIVE_UP = Duration.ofDays(2);

  private static final Logger log = LoggerFactory.getLogger(Alerts.class);

  private final DSLContext dsl;
  private final AlertSettings settings;
  private final Map<AlertChannel, Channel> channels = new LinkedHashMap<>();
  private final Clock clock;

  /**
   * @param dsl the primary database (alerts are written)
   * @param channels where alerts go; none to only record them
   */
  public Alerts(DSLContext dsl, AlertSettings settings, List<Channel> channels, Clock clock) {
    this.dsl = dsl;
    this.settings = settings;
    for (Channel channel : channels) {
      this.channels.put(channel.kind(), channel);
    }
    this.clock = clock;
  }

  /**
   * What one evaluation did.
   *
   * @param fired the alerts fired now
   * @param delivered deliveries that succeeded now (of new or older alerts)
   * @param failed why deliveries failed now, one line each
   */
  public record Check(List<FiredAlert> fired, int delivered, List<String> failed) {
    public Check {
      fired = List.copyOf(fired);
      failed = List.copyOf(failed);
    }
  }

  /** Evaluates every rule that is on, fires what is new, delivers what is due. */
  public Check check() {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    LocalDate today = now.toLocalDate();
    AlertStore store = new AlertStore(dsl);
    Set<AlertChannel> configured =
        channels.isEmpty() ? Set.of() : EnumSet.copyOf(channels.keySet());
    List<FiredAlert> fired = new ArrayList<>();
    for (Condition condition : new Rules(dsl, settings).evaluate(today, now)) {
      store.fire(condition, configured, now).ifPresent(fired::add);
    }
    for (FiredAlert alert : fired) {
      log.info(
          "alert {} fired: {} {} {}",
          alert.id(),
          alert.condition().rule().code(),
          alert.condition().subject(),
          alert.condition().period());
    }
    int delivered = 0;
    List<String> failed = new ArrayList<>();
    for (FiredAlert alert : store.undelivered(configured)) {
      for (FiredAlert.Delivery delivery : alert.deliveries()) {
        Channel channel = channels.get(delivery.channel());
        if (channel == null
            || !(delivery.state() == DeliveryState.PENDING
                || delivery.state() == DeliveryState.FAILED)) {
          continue;
        }
        try {
          channel.deliver(alert);
          store.attempted(alert.id(), delivery.channel(), DeliveryState.SENT, null, now);
          delivered++;
        } catch (Channel.DeliveryException e) {
          boolean giveUp = alert.firedAt().isBefore(now.minus(GIVE_UP));
          store.attempted(
              alert.id(),
              delivery.channel(),
              giveUp ? DeliveryState.GAVE_UP : DeliveryState.FAILED,
              e.getMessage(),
              now);
          String line =
              "alert "
                  + alert.id()
                  + " by "
                  + delivery.channel().code()
                  + ": "
                  + e.getMessage()
                  + (giveUp ? "; given up after " + GIVE_UP.toDays() + " days" : "");
          log.warn("{}", line);
          failed.add(line);
        }
      }
    }
    return new Check(fired, delivered, failed);
  }

  /** The alerts fired in the last {@code days}, newest first, at most {@code limit}. */
  public List<FiredAlert> list(int days, int limit) {
    return new AlertStore(dsl).list(OffsetDateTime.now(clock).minusDays(days), limit);
  }

  /** {@code alerts list --format json}'s one alert. */
  public static String json(FiredAlert alert) {
    return AlertJson.listed(alert).toString();
  }
}
