package dev.puerto.dns;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.Optional;

/**
 * Organizational domains (RFC 7489 3.2) by the Public Suffix List that Guava bundles and keeps up
 * to date with each release; names under no listed suffix follow the list's default rule "*".
 */
public final class OrgDomains {
  private OrgDomains() {}

  /** The organizational domain of a name, e.g. {@code mail.example.co.uk} -> example.co.uk. */
  public static Optional<String> of(String domain) {
    if (domain == null || domain.isEmpty() || domain.startsWith(".")) {
      return Optional.empty();
    }
    String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    InternetDomainName parsed;
    try {
      parsed = InternetDomainName.from(name.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (parsed.isPublicSuffix()) {
      return Optional.empty();
    }
    if (parsed.isUnderPublicSuffix()) {
      return Optional.of(parsed.topPrivateDomain().toString());
    }
    // No rule matched: the implicit "*" makes the last label the suffix.
    int labels = parsed.parts().size();
    return labels < 2
        ? Optional.empty()
        : Optional.of(String.join(".", parsed.parts().subList(labels - 2, labels)));
  }

  /** DMARC identifier alignment: strict wants equal names, relaxed equal organizational domains. */
  public static boolean aligned(String a, String b, boolean strict) {
    if (a == null || b == null) {
      return false;
    }
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    if (strict || x.equals(y)) {
      return x.equals(y);
    }
    Optional<String> orgX = of(x);
    return orgX.isPresent() && orgX.equals(of(y));
  }
}
