package dev.puerto.testing;

import com.icegreen.greenmail.user.TokenValidator;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * A real OAuth2/OIDC authorisation server on loopback (NAV's mock-oauth2-server, built on Nimbus):
 * it signs JWT access tokens with its own keys, publishes them as JWKS, runs the authorisation code
 * flow with PKCE and refresh tokens. Each issuer (path) is configured here with the token lifetime
 * and the client secret it accepts, and records the token requests it answered.
 */
public final class AuthorizationServer implements AutoCloseable {
  /** One issuer: {@code http://127.0.0.1:PORT/ID/token}. */
  public static final class Issuer implements OAuth2TokenCallback {
    private final String id;
    private final Duration lifetime;
    private final String clientSecret;
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

    /**
     * @param clientSecret the only secret accepted with client_secret_post, or null for any
     */
    public Issuer(String id, Duration lifetime, String clientSecret) {
      this.id = id;
      this.lifetime = lifetime;
      this.clientSecret = clientSecret;
    }

    /** The token requests answered with a token, oldest first. */
    public List<TokenRequest> requests() {
      return List.copyOf(requests);
    }

    @Override
    public String issuerId() {
      return id;
    }

    @Override
    public String subject(TokenRequest request) {
      if (request.getAuthorizationGrant() instanceof JWTBearerGrant bearer) {
        try {
          return bearer.getJWTAssertion().getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
          throw new OAuth2Exception(OAuth2Error.INVALID_GRANT, "bad assertion");
        }
      }
      return request.getClientAuthentication() == null
          ? "user"
          : request.getClientAuthentication().getClientID().getValue();
    }

    @Override
    public String typeHeader(TokenRequest request) {
      return "JWT";
    }

    @Override
    public List<String> audience(TokenRequest request) {
      return List.of("imap");
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
      if (clientSecret != null
          && request.getClientAuthentication() instanceof ClientSecretPost post
          && !post.getClientSecret().getValue().equals(clientSecret)) {
        throw new OAuth2Exception(
            new ErrorObject(
                "invalid_client", "AADSTS7000215: Invalid client secret provided.", 401),
            "bad secret");
      }
      requests.add(request);
      return Map.of();
    }

    @Override
    public long tokenExpiry() {
      return lifetime.toSeconds();
    }
  }

  private final MockOAuth2Server server;
  private final List<String> validTokens = new CopyOnWriteArrayList<>();
  private final List<String> rejections = new CopyOnWriteArrayList<>();

  private AuthorizationServer(Issuer... issuers) {
    Set<OAuth2TokenCallback> callbacks = new LinkedHashSet<>(List.of(issuers));
    server =
        new MockOAuth2Server(
            new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(),
                callbacks,
                new NettyWrapper()));
    server.start();
  }

  public static AuthorizationServer start(Issuer... issuers) {
    return new AuthorizationServer(issuers);
  }

  public URI tokenUrl(String issuer) {
    return server.tokenEndpointUrl(issuer).uri();
  }

  public URI authorizationUrl(String issuer) {
    return server.authorizationEndpointUrl(issuer).uri();
  }

  /**
   * What GreenMail asks about each XOAUTH2 token: a JWT signed by one of this issuer's published
   * keys (JWKS), issued by it, for the given subject, and not expired. Each token accepted is kept.
   */
  public TokenValidator validator(String issuer, String subject) {
    return token -> {
      try {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet keys = JWKSet.load(server.jwksUrl(issuer).url());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        JWSVerifier verifier = new RSASSAVerifier(key);
        boolean valid =
            jwt.verify(verifier)
                && jwt.getJWTClaimsSet().getIssuer().equals(server.issuerUrl(issuer).toString())
                && subject.equals(jwt.getJWTClaimsSet().getSubject())
                && jwt.getJWTClaimsSet().getExpirationTime().after(new Date());
        if (valid) {
          validTokens.add(token);
        } else {
          rejections.add(jwt.getJWTClaimsSet().toString());
        }
        return valid;
      } catch (Exception e) {
        rejections.add(e.toString());
        return false;
      }
    };
  }

  /** The tokens the IMAP server accepted, in order, repeated when reused. */
  public List<String> acceptedTokens() {
    return new ArrayList<>(validTokens);
  }

  /** Why tokens were refused (their claims, or the failure), for test failure messages. */
  public List<String> rejections() {
    return List.copyOf(rejections);
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
