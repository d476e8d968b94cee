package dev.puerto.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Well-known senders from {@code senders.json}, found by PTR organizational domain or SPF include.
 */
public final class Catalogue {
  /**
   * @param kind esp, mailbox, forwarder or security
   * @param setup how to make the service sign with the customer's domain, or null
   */
  record Service(
      String name,
      String kind,
      List<String> ptr,
      List<String> spf,
      List<String> dkim,
      String setup) {
    boolean forwards() {
      return kind.equals("mailbox") || kind.equals("forwarder");
    }
  }

  private final List<Service> services;

  private Catalogue(List<Service> services) {
    this.services = List.copyOf(services);
  }

  /** The catalogue shipped with Puerto. */
  public static Catalogue load() {
    try (InputStream in = Catalogue.class.getResourceAsStream("senders.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Service> services = new ArrayList<>();
      for (JsonNode s : root.get("senders")) {
        services.add(
            new Service(
                s.get("name").asText(),
                s.get("kind").asText(),
                strings(s.get("ptr")),
                strings(s.get("spf")),
                strings(s.get("dkim")),
                s.get("setup").isNull() ? null : s.get("setup").asText()));
      }
      return new Catalogue(services);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the senders catalogue", e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText().toLowerCase(Locale.ROOT)));
    return values;
  }

  Optional<Service> byPtrOrgDomain(String orgDomain) {
    return find(orgDomain, Service::ptr);
  }

  /** The service whose SPF include this is, e.g. {@code _spf.google.com}. */
  Optional<Service> bySpfInclude(String include) {
    return find(include, Service::spf);
  }

  /** The service whose DKIM signing domain (or a subdomain of it) this is. */
  Optional<Service> byDkimDomain(String domain) {
    if (domain == null) {
      return Optional.empty();
    }
    String d = domain.toLowerCase(Locale.ROOT);
    return services.stream()
        .filter(s -> s.dkim().stream().anyMatch(k -> d.equals(k) || d.endsWith("." + k)))
        .findFirst();
  }

  private Optional<Service> find(
      String value, java.util.function.Function<Service, List<String>> keys) {
    if (value == null) {
      return Optional.empty();
    }
    String key = value.toLowerCase(Locale.ROOT);
    return services.stream().filter(s -> keys.apply(s).contains(key)).findFirst();
  }
}
