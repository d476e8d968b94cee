package dev.puerto.alert;

import dev.puerto.schema.AlertChannel;
import dev.puerto.tools.Causes;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as a signed JSON POST ({@link AlertJson#webhookBody}). The headers {@value #TIMESTAMP}
 * (Unix seconds) and {@value #SIGNATURE} ({@code sha256=} and the hex HMAC-SHA256, keyed by the
 * shared secret, of the timestamp, a dot and the body) let the receiver check that Puerto sent it
 * and drop a replayed one; {@value #ALERT_ID} is the same on every retry. A 2xx answer is
 * delivered; a timeout, a broken connection, 408, 429 or 5xx is tried again after a wait that
 * doubles, up to the configured attempts; another answer is not (it will not change by itself
 * within seconds) and the next evaluation tries again.
 */
public final class WebhookChannel implements Channel {
  static final String SIGNATURE = "X-Puerto-Signature";
  static final String TIMESTAMP = "X-Puerto-Timestamp";
  static final String ALERT_ID = "X-Puerto-Alert-Id";

  private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);
  private static final int MAX_ANSWER_SHOWN = 200;
  private static final int MAX_ANSWER_READ = 1024;

  private final WebhookSettings settings;
  private final AlertText text;
  private final Clock clock;
  private final HttpClient client;

  public WebhookChannel(WebhookSettings settings, AlertText text, Clock clock) {
    this.settings = settings;
    this.text = text;
    this.clock = clock;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public AlertChannel kind() {
    return AlertChannel.WEBHOOK;
  }

  @Override
  public void deliver(FiredAlert alert) throws DeliveryException {
    byte[] body = AlertJson.webhookBody(alert, text);
    Duration wait = settings.firstRetry();
    String failure = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      if (attempt > 1) {
        log.info(
            "webhook: alert {}: {}; attempt {} of {} in {} ms",
            alert.id(),
            failure,
            attempt,
            settings.attempts(),
            wait.toMillis());
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
      try {
        HttpResponse<InputStream> answer =
            client.send(request(alert, body), HttpResponse.BodyHandlers.ofInputStream());
        int status = answer.statusCode();
        String start;
        try (InputStream in = answer.body()) {
          // Only the start of what the receiver says is read: enough to show why.
          start = new String(in.readNBytes(MAX_ANSWER_READ), StandardCharsets.UTF_8);
        }
        if (status / 100 == 2) {
          return;
        }
        failure = "HTTP " + status + shown(start);
        if (!(status == 408 || status == 429 || status / 100 == 5)) {
          break;
        }
      } catch (IOException e) {
        failure = Causes.rootMessage(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryException("interrupted while posting to " + settings.url());
      }
    }
    throw new DeliveryException(
        "webhook "
            + settings.url()
            + ": "
            + failure
            + " (check PUERTO_ALERT_WEBHOOK_URL and the receiver; tried again at the next"
            + " evaluation)");
  }

  private HttpRequest request(FiredAlert alert, byte[] body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    return HttpRequest.newBuilder(settings.url())
        .timeout(settings.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "Puerto")
        .header(TIMESTAMP, timestamp)
        .header(SIGNATURE, "sha256=" + signature(settings.secret(), timestamp, body))
        .header(ALERT_ID, Long.toString(alert.id()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** The hex HMAC-SHA256 of {@code timestamp}, a dot and {@code body}, keyed by the secret. */
  static String signature(byte[] secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String shown(String answer) {
    if (answer == null || answer.isBlank()) {
      return "";
    }
    String line = answer.strip().lines().findFirst().orElse("");
    return ": "
        + (line.length() > MAX_ANSWER_SHOWN ? line.substring(0, MAX_ANSWER_SHOWN) + "…" : line);
  }

  private static void sleep(Duration wait) throws DeliveryException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while waiting to retry the webhook");
    }
  }
}
