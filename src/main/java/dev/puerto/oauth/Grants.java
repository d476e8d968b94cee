package dev.puerto.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** One token request per kind of credentials, built with the Nimbus SDK from the files. */
final class Grants {
  /** Google accepts assertions of at most an hour. */
  private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(60);

  private Grants() {}

  /** Where the request goes: the override, else the provider's (or the key file's) endpoint. */
  static URI endpoint(Credentials credentials, Optional<URI> override) throws TokenException {
    if (override.isPresent()) {
      return override.get();
    }
    if (credentials instanceof Credentials.GoogleServiceAccount account) {
      return KeyFiles.serviceAccount(account.keyFile(), Setting.SERVICE_ACCOUNT_FILE).tokenUri();
    }
    return credentials.defaultTokenUrl();
  }

  static TokenRequest request(Credentials credentials, URI endpoint, Instant now)
      throws TokenException {
    Scope scope = new Scope(credentials.provider().scope());
    if (credentials instanceof Credentials.MicrosoftSecret secret) {
      return new TokenRequest(
          endpoint,
          new ClientSecretPost(
              new ClientID(secret.clientId()),
              new Secret(
                  KeyFiles.firstLine(secret.clientSecretFile(), Setting.CLIENT_SECRET_FILE))),
          new ClientCredentialsGrant(),
          scope);
    }
    if (credentials instanceof Credentials.MicrosoftCertificate certificate) {
      return new TokenRequest(
          endpoint, clientAssertion(certificate, endpoint), new ClientCredentialsGrant(), scope);
    }
    if (credentials instanceof Credentials.GoogleRefreshToken refresh) {
      // No scope: a refresh keeps the scope that was consented to.
      return new TokenRequest(
          endpoint,
          new ClientSecretPost(
              new ClientID(refresh.clientId()),
              new Secret(
                  KeyFiles.firstLine(refresh.clientSecretFile(), Setting.CLIENT_SECRET_FILE))),
          new RefreshTokenGrant(
              new RefreshToken(
                  KeyFiles.firstLine(refresh.refreshTokenFile(), Setting.REFRESH_TOKEN_FILE))),
          null);
    }
    Credentials.GoogleServiceAccount account = (Credentials.GoogleServiceAccount) credentials;
    KeyFiles.ServiceAccount key =
        KeyFiles.serviceAccount(account.keyFile(), Setting.SERVICE_ACCOUNT_FILE);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(key.clientEmail())
            .subject(account.user())
            .audience(endpoint.toString())
            .claim("scope", credentials.provider().scope())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .type(JOSEObjectType.JWT)
            .keyID(key.keyId())
            .build();
    return new TokenRequest(
        endpoint,
        new JWTBearerGrant(sign(header, claims, key.key(), Setting.SERVICE_ACCOUNT_FILE)));
  }

  /**
   * The signed client assertion Microsoft asks for (RFC 7523): iss = sub = the client id, aud = the
   * token endpoint, five minutes of validity, and the certificate's thumbprints in the header so
   * that Entra ID finds the certificate among those uploaded.
   */
  private static PrivateKeyJWT clientAssertion(
      Credentials.MicrosoftCertificate credentials, URI endpoint) throws TokenException {
    X509Certificate certificate =
        KeyFiles.certificate(credentials.certificateFile(), Setting.CERTIFICATE_FILE);
    PrivateKey key = KeyFiles.privateKey(credentials.privateKeyFile(), Setting.PRIVATE_KEY_FILE);
    JWTClaimsSet claims =
        new JWTAuthenticationClaimsSet(new ClientID(credentials.clientId()), new Audience(endpoint))
            .toJWTClaimsSet();
    JWSHeader header;
    try {
      byte[] der = certificate.getEncoded();
      header =
          new JWSHeader.Builder(JWSAlgorithm.RS256)
              .type(JOSEObjectType.JWT)
              .x509CertThumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(der)))
              .x509CertSHA256Thumbprint(
                  Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)))
              .build();
    } catch (GeneralSecurityException e) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          "cannot use the certificate in " + credentials.certificateFile() + ": " + e.getMessage());
    }
    return new PrivateKeyJWT(sign(header, claims, key, Setting.PRIVATE_KEY_FILE));
  }

  private static SignedJWT sign(
      JWSHeader header, JWTClaimsSet claims, PrivateKey key, Setting setting)
      throws TokenException {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
      return jwt;
    } catch (JOSEException | IllegalArgumentException e) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          "cannot sign with the private key of " + setting + " (an RSA key of 2048 bits or more)");
    }
  }
}
