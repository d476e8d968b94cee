package dev.puerto.dns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * The DNS Tree Walk of DMARCbis (RFC 9989 4.10): how a receiver that follows it, instead of the
 * Public Suffix List, finds a domain's organizational domain (4.10.2) and the DMARC record that
 * applies to it (4.10.1). At most {@value #MAX_QUERIES} queries: the domain itself, then its
 * parents, a name of more than 7 labels jumping straight to its 7-label suffix.
 */
public final class DmarcTreeWalk {
  /** RFC 9989 4.10: "more than eight labels do not result in more than eight DNS queries". */
  public static final int MAX_QUERIES = 8;

  private static final int SHORTCUT_LABELS = 7;

  private final DnsClient dns;

  public DmarcTreeWalk(DnsClient dns) {
    this.dns = dns;
  }

  /** What one {@code _dmarc} query gave. */
  public enum Outcome {
    /** Exactly one v=DMARC1 record: it counts. */
    RECORD,
    /** No v=DMARC1 record (NXDOMAIN, NODATA or only other TXT records). */
    NONE,
    /** More than one v=DMARC1 record: the walk discards them all. */
    MULTIPLE,
    /** DNS did not answer: the walk stops, its result unknown. */
    DNS_ERROR
  }

  /**
   * One query of the walk.
   *
   * @param domain the name whose {@code _dmarc} record was asked for
   * @param record the record when {@link Outcome#RECORD}, else null
   */
  public record Step(String domain, Outcome outcome, DmarcRecord record, DnsAnswer answer) {
    /** The record's psd= value in lower case (y, n, u), or null. */
    String psd() {
      return record == null || record.psd() == null ? null : record.psd().toLowerCase(Locale.ROOT);
    }

    /** One line, e.g. {@code _dmarc.example.com: "v=DMARC1; p=reject; psd=n"}. */
    public String describe() {
      String name = "_dmarc." + domain;
      return switch (outcome) {
        case RECORD -> name + ": \"" + record.text() + "\"";
        case NONE ->
            name
                + ": "
                + (answer.status() == DnsStatus.OK ? "no v=DMARC1 record" : answer.status());
        case MULTIPLE -> name + ": several v=DMARC1 records (all discarded)";
        case DNS_ERROR -> name + ": " + answer.status();
      };
    }
  }

  /**
   * The walk's result.
   *
   * @param steps the queries made, in order
   * @param orgDomain the organizational domain; null when DNS failed during the walk
   * @param policyDomain the domain whose record applies; null when none does (or DNS failed)
   * @param policy that record, or null
   */
  public record Result(
      String domain, List<Step> steps, String orgDomain, String policyDomain, DmarcRecord policy) {
    public Result {
      steps = List.copyOf(steps);
    }

    public boolean dnsError() {
      return !steps.isEmpty() && steps.get(steps.size() - 1).outcome() == Outcome.DNS_ERROR;
    }
  }

  /** The names the walk asks about, in order: the domain, then parents up to the top label. */
  public static List<String> targets(String domain) {
    List<String> labels = Arrays.asList(lower(domain).split("\\."));
    List<String> targets = new ArrayList<>();
    targets.add(String.join(".", labels));
    int first = labels.size() > SHORTCUT_LABELS ? labels.size() - SHORTCUT_LABELS : 1;
    for (int i = first; i < labels.size(); i++) {
      targets.add(String.join(".", labels.subList(i, labels.size())));
    }
    return targets;
  }

  public Result walk(String domain) {
    String start = lower(domain);
    List<Step> steps = new ArrayList<>();
    for (String target : targets(start)) {
      Step step = query(target);
      steps.add(step);
      if (step.outcome() == Outcome.DNS_ERROR) {
        return new Result(start, steps, null, null, null);
      }
      String psd = step.psd();
      if ("y".equals(psd) || "n".equals(psd)) {
        break;
      }
    }
    String org = orgDomain(start, steps);
    Step own = steps.get(0);
    if (own.outcome() == Outcome.RECORD) {
      return new Result(start, steps, org, start, own.record());
    }
    // 4.10.1: the organizational domain's record, else the public suffix domain's.
    for (Step step : steps) {
      if (step.outcome() == Outcome.RECORD && step.domain().equals(org)) {
        return new Result(start, steps, org, org, step.record());
      }
    }
    for (Step step : steps) {
      if (step.outcome() == Outcome.RECORD && "y".equals(step.psd())) {
        return new Result(start, steps, org, step.domain(), step.record());
      }
    }
    return new Result(start, steps, org, null, null);
  }

  /** 4.10.2: from the longest name to the shortest, psd=n, then psd=y, then the shortest. */
  private static String orgDomain(String start, List<Step> steps) {
    String shortest = null;
    for (Step step : steps) {
      if (step.outcome() != Outcome.RECORD) {
        continue;
      }
      if ("n".equals(step.psd())) {
        return step.domain();
      }
      if ("y".equals(step.psd()) && !step.domain().equals(start)) {
        return oneLabelBelow(start, step.domain());
      }
      shortest = step.domain();
    }
    return shortest == null ? start : shortest;
  }

  /** The suffix of {@code start} with one label more than {@code suffix}. */
  private static String oneLabelBelow(String start, String suffix) {
    List<String> labels = Arrays.asList(start.split("\\."));
    int keep = suffix.split("\\.").length + 1;
    return String.join(".", labels.subList(labels.size() - keep, labels.size()));
  }

  private Step query(String target) {
    DnsAnswer answer = dns.query("_dmarc." + target, Type.TXT);
    if (answer.status().isFailure()) {
      return new Step(target, Outcome.DNS_ERROR, null, answer);
    }
    List<String> records = answer.texts().stream().filter(DmarcRecord::isDmarc).toList();
    return switch (records.size()) {
      case 0 -> new Step(target, Outcome.NONE, null, answer);
      case 1 -> new Step(target, Outcome.RECORD, DmarcRecord.parse(records.get(0)), answer);
      default -> new Step(target, Outcome.MULTIPLE, null, answer);
    };
  }

  private static String lower(String domain) {
    String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    return name.toLowerCase(Locale.ROOT);
  }
}
