package dev.puerto.dns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tag=value; tag=value} syntax shared by DMARC (RFC 7489 6.4) and DKIM (RFC 6376 3.2).
 */
final class TagList {
  private TagList() {}

  /** Tags in order, names lower-cased, values stripped; problems collected rather than thrown. */
  static Map<String, String> parse(String text, List<String> problems) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      String item = part.strip();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0) {
        problems.add("'" + item + "' is not tag=value");
        continue;
      }
      String name = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      if (tags.putIfAbsent(name, item.substring(eq + 1).strip()) != null) {
        problems.add("tag " + name + " appears twice");
      }
    }
    return tags;
  }
}
