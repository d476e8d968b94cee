package dev.puerto.dns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code tag=value; tag=value} syntax shared by DMARC (RFC 7489 6.4), DKIM (RFC 6376 3.2),
 * MTA-STS (RFC 8461 3.1) and TLS-RPT (RFC 8460 3) records.
 */
public final class TagList {
  private TagList() {}

  /** Tags in order, names lower-cased, values stripped; problems collected rather than thrown. */
  public static Map<String, String> parse(String text, List<String> problems) {
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

  /**
   * A record that must begin with {@code v=VERSION}, as DMARC, MTA-STS and TLS-RPT records do; a
   * problem names the version when it does not.
   */
  public static Map<String, String> parseVersioned(
      String text, String version, List<String> problems) {
    Map<String, String> tags = parse(text, problems);
    if (!tags.keySet().stream().findFirst().orElse("").equals("v")
        || !version.equals(tags.get("v"))) {
      problems.add("the record must begin with v=" + version);
    }
    return tags;
  }
}
