package dev.puerto.alert;

import dev.puerto.i18n.Lang;
import dev.puerto.schema.AlertRule;
import java.util.Set;

/**
 * The rules' thresholds, which rules are on, and the language alerts are written in. {@code cli}
 * reads them from the PUERTO_ALERT_* keys and validates them there.
 *
 * @param newSourceMessages failing messages from a new source that fire {@code new_failing_source}
 * @param newSourceDays a source is new when not seen for the domain in this many days before
 * @param passRateDropPoints percentage points the DMARC pass rate must fall by
 * @param passRateMinMessages messages a day (and its 7 days before) needs for its rate to count
 * @param silentDays days without a report from a daily reporter that fire {@code silent_reporter}
 * @param tlsFailedSessions failed TLS sessions a day for a policy domain that fire {@code
 *     tls_failures}
 * @param rejectedInputs new rejected inputs that fire {@code rejected_inputs}
 */
public record AlertSettings(
    Set<AlertRule> rules,
    int newSourceMessages,
    int newSourceDays,
    int passRateDropPoints,
    int passRateMinMessages,
    int silentDays,
    int tlsFailedSessions,
    int rejectedInputs,
    Lang lang) {
  public AlertSettings {
    rules = Set.copyOf(rules);
  }

  /** Every rule on, with the documented default thresholds, in English. */
  public static AlertSettings defaults() {
    return new AlertSettings(Set.of(AlertRule.values()), 10, 30, 10, 100, 3, 10, 1, Lang.EN);
  }

  public boolean on(AlertRule rule) {
    return rules.contains(rule);
  }
}
