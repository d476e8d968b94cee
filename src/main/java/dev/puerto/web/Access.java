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

  /**
   * Failed logins (a wrong password by form or HTTP Basic) in the last {@link #FAILURE_WINDOW} past
   * which no login is tried until the window has room again: a password guesser gets this many
   * guesses a minute, whatever number of connections it opens. Open sessions go on.
   */
  static final int MAX_FAILURES = 20;

  static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

  /** What the request may do. */
  enum Answer {
    LET_IN,
    /** no credentials, or wrong ones: ask for them */
    ASK,
    /** too many failed logins lately: come back later */
    WAIT
  }

  private final byte[] user;
  private final byte[] password;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
  private final java.util.Deque<Instant> failures = new java.util.ArrayDeque<>();

  Access(String user, String password, Clock clock) {
    this.user = sha256(user);
    this.password = sha256(password);
    this.clock = clock;
  }

  /** Lets in a live session cookie or the right Basic credentials. */
  Answer answer(Context ctx) {
    String session = ctx.cookie(COOKIE);
    if (session != null) {
      Instant expiry = sessions.get(session);
      if (expiry != null && expiry.isAfter(clock.instant())) {
        return Answer.LET_IN;
      }
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Answer.ASK;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Answer.ASK;
    }
    int colon = decoded.indexOf(':');
    return colon > 0
        ? login(decoded.substring(0, colon), decoded.substring(colon + 1))
        : Answer.ASK;
  }

  /** Tries a user and password, unless too many tries failed lately; a failure is counted. */
  Answer login(String givenUser, String givenPassword) {
    synchronized (failures) {
      Instant now = clock.instant();
      while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(FAILURE_WINDOW))) {
        failures.removeFirst();
      }
      if (failures.size() >= MAX_FAILURES) {
        return Answer.WAIT;
      }
      if (matches(givenUser, givenPassword)) {
        return Answer.LET_IN;
      }
      failures.addLast(now);
      return Answer.ASK;
    }
  }

  /** Compares digests in constant time, so that timing says nothing of how much was right. */
  private boolean matches(String givenUser, String givenPassword) {
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
