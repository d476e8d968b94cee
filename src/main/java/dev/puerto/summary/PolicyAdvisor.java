package dev.puerto.summary;

import dev.puerto.i18n.Messages;
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
      Messages m,
      PublishedPolicy policy,
      List<WeekRate> history,
      List<Source> sources,
      boolean analyzed) {
    if (policy == null || policy.p() == null) {
      return new Advice(
          "keep",
          m.text("summary.advice.noPolicy"),
          List.of(Prose.of(m.text("summary.advice.noPolicy.blocker"))));
    }
    String p = policy.p().toLowerCase(Locale.ROOT);
    boolean partial = policy.pct() != null && policy.pct() < 100;
    if (p.equals("reject")) {
      return partial
          ? new Advice("raise_pct", m.text("summary.advice.rejectPartial", policy.pct()), List.of())
          : new Advice("at_reject", m.text("summary.advice.atReject"), List.of());
    }
    if (p.equals("quarantine") && partial) {
      return new Advice(
          "raise_pct", m.text("summary.advice.quarantinePartial", policy.pct()), List.of());
    }
    String next = p.equals("none") ? "quarantine" : "reject";
    List<Prose> blockers = blockers(m, history, sources, analyzed);
    if (blockers.isEmpty()) {
      return new Advice(
          "move_to_" + next,
          m.text(
              "summary.advice.ready",
              next,
              THRESHOLD_PERCENT,
              m.counted("summary.n.week", history.size())),
          List.of());
    }
    return new Advice("keep", m.text("summary.advice.stay", p, next), blockers);
  }

  private static List<Prose> blockers(
      Messages m, List<WeekRate> history, List<Source> sources, boolean analyzed) {
    List<Prose> blockers = new ArrayList<>();
    for (WeekRate w : history) {
      if (w.legitimate() == 0) {
        blockers.add(Prose.of(m.text("summary.advice.noEvidence", w.week().toString())));
      } else if (w.dmarcPass() * 100 < w.legitimate() * THRESHOLD_PERCENT) {
        blockers.add(
            Prose.of(
                m.text(
                    "summary.advice.belowThreshold",
                    w.week().toString(),
                    m.percent(w.rate()),
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
                        m.text(
                                "summary.advice.failingSource",
                                s.ip() + (s.service() == null ? "" : " (" + s.service() + ")"),
                                m.counted("summary.n.message", s.counts().dmarcFail()))
                            + (s.action() == null ? "" : ": " + s.action()))));
    if (!analyzed) {
      blockers.add(Texts.prose(m, "summary.advice.runAnalyze"));
    }
    return blockers;
  }
}
