package dev.puerto.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the secret files: a line of text, a PEM private key, a PEM certificate, a Google service
 * account key. Errors name the file and the setting, never the content.
 */
final class KeyFiles {
  /** A secret, key or certificate file larger than this is not one. */
  private static final long SIZE_LIMIT = 64 * 1024;

  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private KeyFiles() {}

  /** The first line of a file, stripped (a client secret or a refresh token). */
  static String firstLine(Path file, Setting setting) throws TokenException {
    String line = read(file, setting).lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION, "the file " + file + " (" + setting + ") is empty");
    }
    return line;
  }

  /** An unencrypted PKCS#8 PEM private key, RSA ({@code BEGIN PRIVATE KEY}). */
  static PrivateKey privateKey(Path file, Setting setting) throws TokenException {
    return parsePrivateKey(read(file, setting), file + " (" + setting + ")");
  }

  static PrivateKey parsePrivateKey(String pem, String where) throws TokenException {
    int begin = pem.indexOf(PKCS8_BEGIN);
    int end = pem.indexOf(PKCS8_END);
    if (begin < 0 || end < begin) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          where
              + " holds no unencrypted PKCS#8 private key ('"
              + PKCS8_BEGIN
              + "'); convert one with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    try {
      byte[] der =
          Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end).strip());
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // The cause is left out: it could quote the key's bytes.
      throw new TokenException(
          TokenException.Kind.CONFIGURATION, where + " holds no readable RSA private key");
    }
  }

  /** The first certificate of a PEM (or DER) file. */
  static X509Certificate certificate(Path file, Setting setting) throws TokenException {
    byte[] bytes = bytes(file, setting);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (CertificateException | IOException e) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          "the file " + file + " (" + setting + ") holds no X.509 certificate (PEM or DER)");
    }
  }

  /** The fields of a Google service account's JSON key that the JWT bearer grant needs. */
  record ServiceAccount(String clientEmail, String keyId, PrivateKey key, URI tokenUri) {
    @Override
    public String toString() {
      return "ServiceAccount[" + clientEmail + "]";
    }
  }

  static ServiceAccount serviceAccount(Path file, Setting setting) throws TokenException {
    String where = "the service account key " + file + " (" + setting + ")";
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(read(file, setting));
    } catch (IOException e) {
      throw new TokenException(TokenException.Kind.CONFIGURATION, where + " is not JSON");
    }
    if (json == null || !"service_account".equals(json.path("type").asText())) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          where + " is not a service account key (\"type\": \"service_account\")");
    }
    String email = json.path("client_email").asText("");
    String key = json.path("private_key").asText("");
    if (email.isEmpty() || key.isEmpty()) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION, where + " lacks client_email or private_key");
    }
    String tokenUri = json.path("token_uri").asText("");
    URI uri;
    try {
      uri = tokenUri.isEmpty() ? Provider.GOOGLE_TOKEN_URL : new URI(tokenUri);
    } catch (java.net.URISyntaxException e) {
      throw new TokenException(TokenException.Kind.CONFIGURATION, where + " has a bad token_uri");
    }
    String keyId = json.path("private_key_id").asText("");
    return new ServiceAccount(
        email, keyId.isEmpty() ? null : keyId, parsePrivateKey(key, where), uri);
  }

  private static String read(Path file, Setting setting) throws TokenException {
    return new String(bytes(file, setting), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Path file, Setting setting) throws TokenException {
    try {
      if (Files.size(file) > SIZE_LIMIT) {
        throw new TokenException(
            TokenException.Kind.CONFIGURATION,
            "the file " + file + " (" + setting + ") is larger than " + SIZE_LIMIT + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TokenException(
          TokenException.Kind.CONFIGURATION,
          "cannot read " + file + " (" + setting + "): " + e.getClass().getSimpleName());
    }
  }
}
