package dev.puerto.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may read the dashboard: HTTP Basic for API clients and scrapers, a login form with a session
 * cookie for browsers. Sessions live in this process only (a restart logs everyone out), each for
 * {@link #SESSION} at most.
 */
final class Access {
  static final String COOKIE = "puerto_session";
  static final Duration SESSION = Duration.ofHours(12);

  /** More open sessions than one user needs: past it the oldest go first. */
  private static final int MAX_SESSIONS = 1_000;

  private final byte[] user;
  private final byte[] password;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

  Access(String user, String password, Clock clock) {
    this.user = sha256(user);
    this.password = sha256(password);
    this.clock = clock;
  }

  /** The request carries the right Basic credentials or a live session cookie. */
  boolean allows(Context ctx) {
    String session = ctx.cookie(COOKIE);
    if (session != null) {
      Instant expiry = sessions.get(session);
      if (expiry != null && expiry.isAfter(clock.instant())) {
        return true;
      }
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && matches(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** Compares digests in constant time, so that timing says nothing of how much was right. */
  boolean matches(String givenUser, String givenPassword) {
    boolean userOk = MessageDigest.isEqual(user, sha256(givenUser));
    boolean passwordOk = MessageDigest.isEqual(password, sha256(givenPassword));
    return userOk & passwordOk;
  }

  /** A new session's token (256 random bits). */
  String open() {
    Instant now = clock.instant();
    sessions.values().removeIf(expiry -> !expiry.isAfter(now));
    while (sessions.size() >= MAX_SESSIONS) {
      sessions.entrySet().stream()
          .min(Map.Entry.comparingByValue())
          .ifPresent(oldest -> sessions.remove(oldest.getKey()));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, now.plus(SESSION));
    return token;
  }

  void close(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
