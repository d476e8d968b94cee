package dev.puerto.sender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The well-known sending services of {@code senders.json}, checked when loaded, and the matcher
 * that names a source's service from its {@link Clues}.
 */
public final class Catalogue {
  static final String RESOURCE = "senders.json";

  private final String about;
  private final List<Sender> senders;

  /** Every domain of every field: a d= or envelope domain any of them names is the service. */
  private final Map<String, Sender> byDomain;

  private final Map<String, Sender> bySpf;
  private final Map<String, Sender> byPtr;
  private final Map<Long, Sender> byAsn;

  Catalogue(String about, List<Sender> senders) {
    this.about = about;
    this.senders = List.copyOf(senders);
    this.byDomain = index(senders, Sender::domains);
    this.bySpf = index(senders, Sender::spf);
    this.byPtr = index(senders, Sender::ptr);
    this.byAsn = index(senders, Sender::asns);
  }

  /**
   * The catalogue shipped with Puerto.
   *
   * @throws IllegalStateException naming the entry when the file is malformed
   */
  public static Catalogue load() {
    try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return read(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static Catalogue read(JsonNode root) {
    return CatalogueFile.read(root);
  }

  /** How entries are chosen and verified, as the file's header says. */
  public String about() {
    return about;
  }

  public List<Sender> senders() {
    return senders;
  }

  /**
   * The service the clues name, trying the evidence from the most specific (a passing DKIM
   * signature of the service's domain) to the least (the ASN); empty when nothing names one.
   */
  public Optional<Attribution> attribute(Clues clues) {
    return new Rules(clues).first();
  }

  /** The service whose outbound servers have this (forward-confirmed) PTR name. */
  public Optional<Sender> byPtr(String ptr) {
    return under(byPtr, ptr);
  }

  /** The ordered rules for one source's clues. */
  private final class Rules {
    private final Clues clues;

    Rules(Clues clues) {
      this.clues = clues;
    }

    Optional<Attribution> first() {
      return dkimDomain(true)
          .or(this::spfInclude)
          .or(this::envelopeDomain)
          .or(this::ptr)
          .or(() -> dkimDomain(false))
          .or(this::selector)
          .or(this::asn);
    }

    // A DKIM signature of the service's own domain: passing first, then one that did not verify.
    private Optional<Attribution> dkimDomain(boolean passed) {
      Basis basis = passed ? Basis.DKIM_DOMAIN : Basis.DKIM_DOMAIN_UNVERIFIED;
      return clues.signatures().stream()
          .filter(s -> s.passed() == passed)
          .flatMap(s -> found(byDomain, s.domain(), basis, "d=").stream())
          .findFirst();
    }

    // The include: of the SPF evaluation that authorized the source.
    private Optional<Attribution> spfInclude() {
      return clues.spfIncludes().stream()
          .flatMap(i -> found(bySpf, i, Basis.SPF_INCLUDE, "include:").stream())
          .findFirst();
    }

    // The envelope domain is the service's own (its bounce domain, or another of its domains).
    private Optional<Attribution> envelopeDomain() {
      return clues.envelopeDomains().stream()
          .flatMap(d -> found(byDomain, d, Basis.ENVELOPE_DOMAIN, "MAIL FROM ").stream())
          .findFirst();
    }

    // The source's forward-confirmed PTR name is under the service's base domain.
    private Optional<Attribution> ptr() {
      return found(byPtr, clues.ptr(), Basis.PTR, "PTR ");
    }

    // A signature with another domain whose selector only this service's setup creates.
    private Optional<Attribution> selector() {
      for (Clues.Signature s : clues.signatures()) {
        if (s.selector() == null
            || s.selector().isBlank()
            || under(byDomain, s.domain()).isPresent()) {
          continue;
        }
        String selector = s.selector().toLowerCase(Locale.ROOT);
        List<Sender> matching =
            senders.stream()
                .filter(x -> x.selectors().stream().anyMatch(p -> p.matcher(selector).matches()))
                .toList();
        if (matching.size() == 1) {
          return Optional.of(
              new Attribution(
                  matching.get(0),
                  Basis.DKIM_SELECTOR,
                  "s=" + selector + " (d=" + lower(s.domain()) + ")"));
        }
      }
      return Optional.empty();
    }

    private Optional<Attribution> asn() {
      return Optional.ofNullable(clues.asn())
          .map(byAsn::get)
          .map(s -> new Attribution(s, Basis.ASN, "AS" + clues.asn()));
    }

    private Optional<Attribution> found(
        Map<String, Sender> index, String name, Basis basis, String prefix) {
      return under(index, name).map(s -> new Attribution(s, basis, prefix + lower(name)));
    }
  }

  /** The sender of the longest indexed domain that is the name or one of its parents. */
  private static Optional<Sender> under(Map<String, Sender> index, String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String candidate = lower(name);
    while (true) {
      Sender sender = index.get(candidate);
      if (sender != null) {
        return Optional.of(sender);
      }
      int dot = candidate.indexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      candidate = candidate.substring(dot + 1);
    }
  }

  private static String lower(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** Each key of every sender to its sender; the file's checks made the keys unique. */
  private static <K> Map<K, Sender> index(
      Collection<Sender> senders, Function<Sender, List<K>> keys) {
    return senders.stream()
        .flatMap(s -> keys.apply(s).stream().map(k -> Map.entry(k, s)))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Override
  public String toString() {
    return "Catalogue[" + senders.size() + " senders]";
  }
}
