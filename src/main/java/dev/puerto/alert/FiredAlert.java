package dev.puerto.alert;

import dev.puerto.schema.AlertChannel;
import dev.puerto.schema.DeliveryState;
import java.time.OffsetDateTime;
import java.util.List;

/** An alert as the {@code alerts} table keeps it, with how far each channel's delivery got. */
public record FiredAlert(
    long id, OffsetDateTime firedAt, Condition condition, List<Delivery> deliveries) {
  public FiredAlert {
    deliveries = List.copyOf(deliveries);
  }

  /** One channel's delivery of the alert. */
  public record Delivery(
      AlertChannel channel,
      DeliveryState state,
      int attempts,
      OffsetDateTime sentAt,
      String lastError) {}
}
