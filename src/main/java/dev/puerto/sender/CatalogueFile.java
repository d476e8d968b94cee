package dev.puerto.sender;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code senders.json} and checks every entry; the first fault is an error naming the entry
 * and the field. The checks live here only: a sender that loads is well formed.
 */
final class CatalogueFile {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "kind",
          "dkim",
          "selectors",
          "spf",
          "mail_from",
          "ptr",
          "asn",
          "docs",
          "dkim_setting",
          "return_path_setting");
  private static final Set<String> REQUIRED = Set.of("name", "kind", "docs");
  private static final List<String> DOMAIN_FIELDS = List.of("dkim", "spf", "mail_from", "ptr");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{4,253}$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
  private static final Pattern SELECTOR =
      // Lower-case selector characters and the pattern syntax: no upper case, no spaces.
      Pattern.compile("[a-z0-9._\\-\\[\\]{}(),|*+?^$\\\\]{1,100}");
  private static final int MAX_TEXT = 400;

  private CatalogueFile() {}

  static Catalogue read(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalStateException(Catalogue.RESOURCE + ": not a JSON object");
    }
    JsonNode about = root.get("about");
    if (about == null || !about.isTextual() || about.asText().isBlank()) {
      throw new IllegalStateException(
          Catalogue.RESOURCE + ": \"about\" must say how entries are chosen and verified");
    }
    JsonNode entries = root.get("senders");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      throw new IllegalStateException(
          Catalogue.RESOURCE + ": \"senders\" must be a non-empty array");
    }
    List<Sender> senders = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Sender sender = new Entry(i, entries.get(i)).sender();
      String where = "entry " + (i + 1) + " (" + sender.name() + ")";
      claim(owners, "name " + sender.name().toLowerCase(java.util.Locale.ROOT), where);
      for (String domain : sender.domains()) {
        claim(owners, "domain " + domain, where);
      }
      for (Pattern selector : sender.selectors()) {
        claim(owners, "selector " + selector.pattern(), where);
      }
      for (Long asn : sender.asns()) {
        claim(owners, "AS" + asn, where);
      }
      senders.add(sender);
    }
    return new Catalogue(about.asText(), senders);
  }

  private static void claim(Map<String, String> owners, String key, String where) {
    String earlier = owners.putIfAbsent(key, where);
    if (earlier != null) {
      throw new IllegalStateException(
          Catalogue.RESOURCE + ": " + where + ": " + key + " is already in " + earlier);
    }
  }

  /** One entry of the array, read field by field. */
  private static final class Entry {
    private final int index;
    private final JsonNode node;
    private String name;

    Entry(int index, JsonNode node) {
      this.index = index;
      this.node = node;
    }

    Sender sender() {
      if (!node.isObject()) {
        throw fault("is not an object");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!FIELDS.contains(field)) {
          throw fault("unknown field \"" + field + "\" (known: " + String.join(", ", FIELDS) + ")");
        }
      }
      for (String field : REQUIRED) {
        if (!node.hasNonNull(field)) {
          throw fault("\"" + field + "\" is required");
        }
      }
      name = text("name").orElseThrow();
      String kindName = text("kind").orElseThrow();
      Kind kind =
          Kind.ofJson(kindName)
              .orElseThrow(
                  () ->
                      fault(
                          "kind \""
                              + kindName
                              + "\" is none of "
                              + java.util.Arrays.stream(Kind.values()).map(Kind::json).toList()));
      Map<String, List<String>> domains = new HashMap<>();
      for (String field : DOMAIN_FIELDS) {
        List<String> values = strings(field);
        for (String value : values) {
          if (!DOMAIN.matcher(value).matches()) {
            throw fault(field + " \"" + value + "\" is not a lower-case domain name");
          }
        }
        domains.put(field, values);
      }
      List<Pattern> selectors = new ArrayList<>();
      for (String value : strings("selectors")) {
        if (!SELECTOR.matcher(value).matches()) {
          throw fault("selector \"" + value + "\" is not a lower-case selector pattern");
        }
        try {
          selectors.add(Pattern.compile(value));
        } catch (PatternSyntaxException e) {
          throw fault("selector \"" + value + "\" is not a valid pattern: " + e.getDescription());
        }
      }
      List<Long> asns = new ArrayList<>();
      JsonNode asn = node.get("asn");
      if (asn != null) {
        if (!asn.isArray()) {
          throw fault("\"asn\" must be an array of numbers");
        }
        for (JsonNode n : asn) {
          if (!n.canConvertToLong()
              || !n.isIntegralNumber()
              || n.asLong() < 1
              || n.asLong() > 4294967295L) {
            throw fault("asn " + n + " is not an AS number (1 to 4294967295)");
          }
          if (asns.contains(n.asLong())) {
            throw fault("asn " + n + " is listed twice");
          }
          asns.add(n.asLong());
        }
      }
      URI docs = docs(text("docs").orElseThrow());
      if (domains.values().stream().allMatch(List::isEmpty)
          && selectors.isEmpty()
          && asns.isEmpty()) {
        throw fault(
            "names no evidence: give at least one of dkim, selectors, spf, mail_from, ptr, asn");
      }
      return new Sender(
          name,
          kind,
          domains.get("dkim"),
          selectors,
          domains.get("spf"),
          domains.get("mail_from"),
          domains.get("ptr"),
          asns,
          docs,
          text("dkim_setting").orElse(null),
          text("return_path_setting").orElse(null));
    }

    private URI docs(String value) {
      try {
        URI uri = new URI(value);
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
          throw fault("docs \"" + value + "\" is not an https link");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw fault("docs \"" + value + "\" is not a link: " + e.getReason());
      }
    }

    private Optional<String> text(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isTextual() || value.asText().isBlank()) {
        throw fault("\"" + field + "\" must be a non-blank string or null");
      }
      if (value.asText().length() > MAX_TEXT) {
        throw fault("\"" + field + "\" is longer than " + MAX_TEXT + " characters");
      }
      return Optional.of(value.asText().strip());
    }

    private List<String> strings(String field) {
      JsonNode array = node.get(field);
      if (array == null) {
        return List.of();
      }
      if (!array.isArray()) {
        throw fault("\"" + field + "\" must be an array of strings");
      }
      List<String> values = new ArrayList<>();
      for (JsonNode v : array) {
        if (!v.isTextual()) {
          throw fault("\"" + field + "\" holds " + v + ", not a string");
        }
        if (values.contains(v.asText())) {
          throw fault(field + " \"" + v.asText() + "\" is listed twice");
        }
        values.add(v.asText());
      }
      return values;
    }

    private IllegalStateException fault(String problem) {
      return new IllegalStateException(
          Catalogue.RESOURCE
              + ": entry "
              + (index + 1)
              + (name == null ? "" : " (" + name + ")")
              + ": "
              + problem);
    }
  }
}
