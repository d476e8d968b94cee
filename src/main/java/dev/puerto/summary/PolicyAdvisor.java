package dev.puerto.summary;

import dev.puerto.schema.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Policy progression: p=none, then quarantine, then reject, one step at a time, each once the
 * domain's legitimate mail has passed DMARC at {@value #THRESHOLD_PERCENT}% or more for {@value
 * SummaryReader#LOOKBACK_WEEKS} weeks in a row (this week and the three before). Legitimate means
 * every message except those from sources {@code puerto analyze} classified as unauthorized.
 */
final class PolicyAdvisor {
  static final int THRESHOLD_PERCENT = 98;
  private static final int FAILING_SOURCES_NAMED = 3;

  private PolicyAdvisor() {}

  static Advice advise(
      PublishedPolicy policy, List<WeekRate> history, List<Source> sources, boolean analyzed) {
    if (policy == null || policy.p() == null) {
      return new Advice(
          "keep",
          "No published policy was reported this week; nothing to advise.",
          List.of(Prose.of("no report this week showed the domain's DMARC policy")));
    }
    String p = policy.p().toLowerCase(Locale.ROOT);
    boolean partial = policy.pct() != null && policy.pct() < 100;
    if (p.equals("reject")) {
      return partial
          ? new Advice(
              "raise_pct",
              "p=reject applies to " + policy.pct() + "% of failing mail: raise pct to 100.",
              List.of())
          : new Advice("at_reject", "p=reject is the strongest policy: keep it.", List.of());
    }
    if (p.equals("quarantine") && partial) {
      return new Advice(
          "raise_pct",
          "p=quarantine applies to "
              + policy.pct()
              + "% of failing mail: raise pct to 100 before moving to reject.",
          List.of());
    }
    String next = p.equals("none") ? "quarantine" : "reject";
    List<Prose> blockers = blockers(history, sources, analyzed);
    if (blockers.isEmpty()) {
      return new Advice(
          "move_to_" + next,
          String.format(
              Locale.ROOT,
              "Ready for p=%s: at least %d%% of legitimate mail passed DMARC in each of the last"
                  + " %s.",
              next,
              THRESHOLD_PERCENT,
              Numbers.counted(history.size(), "week")),
          List.of());
    }
    return new Advice(
        "keep",
        "Stay at p=" + p + " for now: p=" + next + " would block legitimate mail.",
        blockers);
  }

  private static List<Prose> blockers(
      List<WeekRate> history, List<Source> sources, boolean analyzed) {
    List<Prose> blockers = new ArrayList<>();
    for (WeekRate w : history) {
      if (w.legitimate() == 0) {
        blockers.add(Prose.of(w.week() + ": no reports, so no evidence"));
      } else if (w.dmarcPass() * 100 < w.legitimate() * THRESHOLD_PERCENT) {
        blockers.add(
            Prose.of(
                String.format(
                    Locale.ROOT,
                    "%s: %s of legitimate mail passed DMARC (%d%% needed)",
                    w.week(),
                    Numbers.percent(w.rate()),
                    THRESHOLD_PERCENT)));
      }
    }
    if (blockers.isEmpty()) {
      return blockers;
    }
    sources.stream()
        .filter(s -> s.counts().dmarcFail() > 0 && s.verdict() != Verdict.UNAUTHORIZED)
        .sorted(Comparator.comparingLong((Source s) -> s.counts().dmarcFail()).reversed())
        .limit(FAILING_SOURCES_NAMED)
        .forEach(
            s ->
                blockers.add(
                    Prose.of(
                        s.ip()
                            + (s.service() == null ? "" : " (" + s.service() + ")")
                            + " fails DMARC with "
                            + Numbers.counted(s.counts().dmarcFail(), "message")
                            + (s.action() == null ? "" : ": " + s.action()))));
    if (!analyzed) {
      blockers.add(
          Prose.of("run ")
              .code("puerto analyze")
              .then(
                  ": until it classifies the failing sources, spoofed mail counts as legitimate"));
    }
    return blockers;
  }
}
