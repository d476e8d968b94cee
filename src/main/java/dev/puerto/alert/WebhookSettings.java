package dev.puerto.alert;

import java.net.URI;
import java.time.Duration;

/**
 * Where the webhook posts, and how it signs and retries.
 *
 * @param secret the HMAC-SHA256 key; never logged or shown
 * @param timeout for connecting and for the whole answer, per attempt
 * @param attempts attempts per evaluation (at least 1)
 * @param firstRetry wait before the second attempt; doubled before each next one
 */
public record WebhookSettings(
    URI url, byte[] secret, Duration timeout, int attempts, Duration firstRetry) {
  @Override
  public String toString() {
    return "WebhookSettings[" + url + " timeout=" + timeout + " attempts=" + attempts + "]";
  }
}
