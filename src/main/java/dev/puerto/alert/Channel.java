package dev.puerto.alert;

import dev.puerto.schema.AlertChannel;

/** One way alerts leave Puerto. */
public interface Channel {
  AlertChannel kind();

  /**
   * Delivers one alert, retrying within the call as the channel allows.
   *
   * @throws DeliveryException when it could not; the next evaluation tries again
   */
  void deliver(FiredAlert alert) throws DeliveryException;

  /** Why a delivery failed, in words that name the channel's setting to check; no secrets. */
  final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
      super(message);
    }
  }
}
