package dev.puerto.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A DMARC policy record (RFC 7489 6.3 and the DMARCbis tags np, psd, t), parsed leniently: what a
 * receiver would use, plus every problem found.
 *
 * @param p the policy (none, quarantine, reject); null when absent or invalid
 * @param sp the subdomain policy, null when absent (then p applies)
 * @param np the non-existent subdomain policy (DMARCbis), null when absent
 * @param pct the percentage (removed by DMARCbis), 100 when absent
 * @param psd y, n or u (DMARCbis), null when absent
 * @param testing true for {@code t=y} (DMARCbis)
 * @param problems syntax and semantic problems, empty for a clean record
 */
public record DmarcRecord(
    String text,
    Map<String, String> tags,
    String p,
    String sp,
    String np,
    int pct,
    boolean strictDkim,
    boolean strictSpf,
    List<String> rua,
    List<String> ruf,
    String psd,
    boolean testing,
    List<String> problems) {
  private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");
  private static final Set<String> KNOWN =
      Set.of(
          "v", "p", "sp", "np", "pct", "adkim", "aspf", "rua", "ruf", "fo", "rf", "ri", "psd", "t");

  public DmarcRecord {
    tags = Map.copyOf(tags);
    rua = List.copyOf(rua);
    ruf = List.copyOf(ruf);
    problems = List.copyOf(problems);
  }

  /** True when a TXT string is a DMARC record (begins with {@code v=DMARC1}). */
  public static boolean isDmarc(String text) {
    return text.replace(" ", "").regionMatches(true, 0, "v=DMARC1", 0, 8);
  }

  public static DmarcRecord parse(String text) {
    List<String> problems = new ArrayList<>();
    Map<String, String> tags = TagList.parseVersioned(text, "DMARC1", problems);
    String p = policy(tags, "p", problems);
    if (!tags.containsKey("p")) {
      problems.add(
          tags.containsKey("rua")
              ? "p= is missing (receivers treat it as p=none)"
              : "p= is missing and so is rua=: receivers ignore the record");
    }
    String sp = policy(tags, "sp", problems);
    String np = policy(tags, "np", problems);
    int pct = 100;
    if (tags.containsKey("pct")) {
      try {
        pct = Integer.parseInt(tags.get("pct"));
        if (pct < 0 || pct > 100) {
          problems.add("pct=" + tags.get("pct") + " is not between 0 and 100");
          pct = 100;
        }
      } catch (NumberFormatException e) {
        problems.add("pct=" + tags.get("pct") + " is not a number");
      }
    }
    boolean strictDkim = alignment(tags, "adkim", problems);
    boolean strictSpf = alignment(tags, "aspf", problems);
    List<String> rua = uris(tags, "rua", problems);
    List<String> ruf = uris(tags, "ruf", problems);
    String psd = tags.get("psd");
    if (psd != null && !Set.of("y", "n", "u").contains(psd.toLowerCase(Locale.ROOT))) {
      problems.add("psd=" + psd + " is not y, n or u");
    }
    String t = tags.get("t");
    if (t != null && !Set.of("y", "n").contains(t.toLowerCase(Locale.ROOT))) {
      problems.add("t=" + t + " is not y or n");
    }
    tags.keySet().stream()
        .filter(tag -> !KNOWN.contains(tag))
        .forEach(tag -> problems.add("unknown tag " + tag + "= (ignored by receivers)"));
    return new DmarcRecord(
        text,
        tags,
        p,
        sp,
        np,
        pct,
        strictDkim,
        strictSpf,
        rua,
        ruf,
        psd,
        "y".equalsIgnoreCase(t),
        problems);
  }

  private static String policy(Map<String, String> tags, String tag, List<String> problems) {
    String value = tags.get(tag);
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!POLICIES.contains(lower)) {
      problems.add(tag + "=" + value + " is not none, quarantine or reject");
      return null;
    }
    return lower;
  }

  private static boolean alignment(Map<String, String> tags, String tag, List<String> problems) {
    String value = tags.getOrDefault(tag, "r").toLowerCase(Locale.ROOT);
    if (!value.equals("r") && !value.equals("s")) {
      problems.add(tag + "=" + tags.get(tag) + " is not r or s");
    }
    return value.equals("s");
  }

  private static List<String> uris(Map<String, String> tags, String tag, List<String> problems) {
    String value = tags.get(tag);
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    List<String> uris = Arrays.stream(value.split(",")).map(String::strip).toList();
    for (String uri : uris) {
      if (!uri.toLowerCase(Locale.ROOT).startsWith("mailto:") || !uri.contains("@")) {
        problems.add(tag + " address '" + uri + "' is not a mailto: URI");
      }
    }
    return uris;
  }
}
