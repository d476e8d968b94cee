package dev.puerto.oauth;

import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for one mailbox, asked for at connection time and kept in memory until shortly
 * before they expire: a new one is requested when less than a tenth of its lifetime, or five
 * minutes, remain, whichever is shorter, so a connection never starts with a token about to lapse.
 */
public final class AccessTokens {
  private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

  static final Duration LARGEST_MARGIN = Duration.ofMinutes(5);

  private final Credentials credentials;
  private final Optional<URI> tokenUrl;
  private final Clock clock;

  /** Guarded by this. */
  private Issued cached;

  /** A token and when to stop handing it out. */
  private record Issued(String value, Instant renewAt) {
    @Override
    public String toString() {
      return "Issued[renewAt=" + renewAt + "]";
    }
  }

  AccessTokens(Credentials credentials, Optional<URI> tokenUrl, Clock clock) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param tokenUrl the token endpoint instead of the provider's (sovereign clouds, tests)
   */
  public static AccessTokens of(Credentials credentials, Optional<URI> tokenUrl) {
    return new AccessTokens(credentials, tokenUrl, Clock.systemUTC());
  }

  public Credentials credentials() {
    return credentials;
  }

  /** A valid access token: the one in memory, or a new one from the token endpoint. */
  public synchronized String current() throws TokenException {
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.renewAt())) {
      return cached.value();
    }
    cached = null;
    URI endpoint = Grants.endpoint(credentials, tokenUrl);
    AccessToken token =
        TokenEndpoint.send(Grants.request(credentials, endpoint, now), endpoint, credentials)
            .getAccessToken();
    long lifetime = token.getLifetime();
    if (lifetime > 0) {
      Duration valid = Duration.ofSeconds(lifetime);
      Duration margin = valid.dividedBy(10);
      cached =
          new Issued(
              token.getValue(),
              now.plus(valid)
                  .minus(margin.compareTo(LARGEST_MARGIN) < 0 ? margin : LARGEST_MARGIN));
      log.debug("new {} access token valid for {} s", credentials.provider().setting(), lifetime);
    } else {
      log.debug("new {} access token of unknown lifetime", credentials.provider().setting());
    }
    return token.getValue();
  }

  /** Drops the token in memory (the IMAP server refused it): the next call asks for a new one. */
  public synchronized void forget() {
    cached = null;
  }

  @Override
  public String toString() {
    return "AccessTokens[" + credentials.provider().setting() + "]";
  }
}
