package dev.puerto.dns;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM key record ({@code SELECTOR._domainkey.DOMAIN}, RFC 6376 3.6.1, RFC 8463 for ed25519),
 * parsed and judged.
 *
 * @param keyType rsa or ed25519
 * @param bits the RSA modulus size, 256 for ed25519, 0 when unknown
 * @param testing {@code t=y}: receivers treat failures as if unsigned
 */
public record DkimKey(
    Status status, String keyType, int bits, boolean testing, List<String> problems, String text) {
  /** The verdict on a key. */
  public enum Status {
    /** A usable key of adequate strength. */
    OK,
    /** An RSA key under 2048 bits (under 1024 is {@link #BROKEN}: RFC 8301 forbids it). */
    WEAK,
    /** {@code p=} empty: the key was revoked on purpose. */
    REVOKED,
    /** Syntax error, undecodable key, unknown key type or a key too short to use. */
    BROKEN
  }

  public DkimKey {
    problems = List.copyOf(problems);
  }

  public static DkimKey parse(String text) {
    List<String> problems = new ArrayList<>();
    Map<String, String> tags = TagList.parse(text, problems);
    if (tags.containsKey("v") && !"DKIM1".equals(tags.get("v"))) {
      problems.add("v=" + tags.get("v") + " is not DKIM1");
    }
    boolean testing =
        List.of(tags.getOrDefault("t", "").toLowerCase(Locale.ROOT).split(":")).stream()
            .map(String::strip)
            .anyMatch("y"::equals);
    String type = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
    String p = tags.get("p");
    if (p == null) {
      problems.add("p= (the public key) is missing");
      return new DkimKey(Status.BROKEN, type, 0, testing, problems, text);
    }
    String base64 = p.replaceAll("\\s", "");
    if (base64.isEmpty()) {
      return new DkimKey(Status.REVOKED, type, 0, testing, problems, text);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      problems.add("p= is not valid base64");
      return new DkimKey(Status.BROKEN, type, 0, testing, problems, text);
    }
    int bits;
    switch (type) {
      case "rsa" -> bits = rsaBits(key, problems);
      case "ed25519" -> {
        bits = key.length == 32 ? 256 : 0;
        if (bits == 0) {
          problems.add("an ed25519 key is 32 bytes, this one is " + key.length);
        }
      }
      default -> {
        problems.add("unknown key type k=" + type);
        bits = 0;
      }
    }
    Status status;
    if (bits == 0 || !problems.isEmpty() || (type.equals("rsa") && bits < 1024)) {
      if (type.equals("rsa") && bits > 0 && bits < 1024) {
        problems.add(bits + "-bit RSA: receivers must reject keys under 1024 bits (RFC 8301)");
      }
      status = Status.BROKEN;
    } else if (type.equals("rsa") && bits < 2048) {
      problems.add(bits + "-bit RSA: 2048 bits is recommended");
      status = Status.WEAK;
    } else {
      status = Status.OK;
    }
    return new DkimKey(status, type, bits, testing, problems, text);
  }

  private static int rsaBits(byte[] key, List<String> problems) {
    try {
      RSAPublicKey rsa =
          (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key));
      return rsa.getModulus().bitLength();
    } catch (java.security.GeneralSecurityException | ClassCastException e) {
      problems.add("p= is not an RSA public key in SubjectPublicKeyInfo form (RFC 6376 3.6.1)");
      return 0;
    }
  }
}
