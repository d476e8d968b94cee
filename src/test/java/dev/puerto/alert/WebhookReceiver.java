package dev.puerto.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP server on loopback receiving alert webhooks: it checks each request's signature as a
 * receiver would (HMAC-SHA256 of the timestamp, a dot and the body, keyed by the shared secret),
 * keeps the requests, and answers as told: 200 unless {@link #answer} queued a status or a stall.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** A stall: the request is held this long before any answer (longer than the client waits). */
  public static final int STALL = -1;

  private static final long STALL_MILLIS = 5_000;

  public record Received(
      String timestamp, String signature, String alertId, String body, boolean valid) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final byte[] secret;
  private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public WebhookReceiver(byte[] secret) throws IOException {
    this.secret = secret;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  /** The next requests are answered with these statuses (or {@link #STALL}), in order. */
  public void answer(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
  }

  /** Every request received, answered or not. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String timestamp = exchange.getRequestHeaders().getFirst("X-Puerto-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Puerto-Signature");
    received.add(
        new Received(
            timestamp,
            signature,
            exchange.getRequestHeaders().getFirst("X-Puerto-Alert-Id"),
            new String(body, StandardCharsets.UTF_8),
            timestamp != null && signature != null && valid(timestamp, signature, body)));
    Integer status = answers.poll();
    if (status != null && status == STALL) {
      try {
        Thread.sleep(STALL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status = 200;
    }
    byte[] answer = (status == null || status == 200 ? "ok" : "broken").getBytes();
    exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private boolean valid(String timestamp, String signature, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      return MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          signature.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }
}
