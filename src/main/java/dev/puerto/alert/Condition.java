package dev.puerto.alert;

import dev.puerto.schema.AlertRule;
import java.time.LocalDate;
import java.util.List;

/**
 * A rule's condition met: what happened, with the numbers. An alert is fired once per {@link
 * #rule}, {@link #subject} and {@link #period}. These records are the alert's payload, stored in
 * {@code alerts.payload} and sent as the webhook's {@code facts} (their components in snake case).
 */
public sealed interface Condition {
  AlertRule rule();

  /** What the alert is about, e.g. {@code example.com 192.0.2.1}. */
  String subject();

  /** The period the condition was met in: with rule and subject, what makes it fire once. */
  String period();

  /** The policy domain, or null when the alert concerns no domain. */
  String domain();

  /**
   * A source IP not seen for the domain in the {@code unseenDays} before {@code firstDay} sent
   * {@code failingMessages} that failed DMARC.
   *
   * @param verdict the analyzer's verdict for the source, or null when it has none
   * @param fix the analyzer's recommended action, or null
   */
  record NewFailingSource(
      String domain,
      String sourceIp,
      LocalDate firstDay,
      long messages,
      long failingMessages,
      int unseenDays,
      String verdict,
      String fix)
      implements Condition {
    @Override
    public AlertRule rule() {
      return AlertRule.NEW_FAILING_SOURCE;
    }

    @Override
    public String subject() {
      return domain + " " + sourceIp;
    }

    @Override
    public String period() {
      return firstDay.toString();
    }
  }

  /** A domain's DMARC pass rate on {@code day} against the 7 days before it. */
  record PassRateDrop(
      String domain,
      LocalDate day,
      long messages,
      long passingMessages,
      long baselineMessages,
      long baselinePassingMessages)
      implements Condition {
    @Override
    public AlertRule rule() {
      return AlertRule.PASS_RATE_DROP;
    }

    @Override
    public String subject() {
      return domain;
    }

    @Override
    public String period() {
      return day.toString();
    }

    public double rate() {
      return messages == 0 ? 0 : (double) passingMessages / messages;
    }

    public double baselineRate() {
      return baselineMessages == 0 ? 0 : (double) baselinePassingMessages / baselineMessages;
    }

    /** Percentage points lost, e.g. 12.5. */
    public double drop() {
      return (baselineRate() - rate()) * 100;
    }
  }

  /**
   * A reporter that covered {@code activeDays} of the 7 days up to {@code lastDay} has sent nothing
   * for the domain for {@code silentDays} days since.
   */
  record SilentReporter(
      String domain, String reporter, LocalDate lastDay, int silentDays, int activeDays)
      implements Condition {
    @Override
    public AlertRule rule() {
      return AlertRule.SILENT_REPORTER;
    }

    @Override
    public String subject() {
      return domain + " " + reporter;
    }

    @Override
    public String period() {
      return lastDay.toString();
    }
  }

  /**
   * SMTP TLS reports for sessions on {@code day} counted {@code failedSessions} failures for the
   * policy domain; the most frequent result type, the MX it was met at (null when none was named),
   * and the fix for it.
   */
  record TlsFailures(
      String domain,
      LocalDate day,
      long failedSessions,
      long successfulSessions,
      String resultType,
      long resultTypeSessions,
      String mx,
      String fix)
      implements Condition {
    @Override
    public AlertRule rule() {
      return AlertRule.TLS_FAILURES;
    }

    @Override
    public String subject() {
      return domain;
    }

    @Override
    public String period() {
      return day.toString();
    }
  }

  /**
   * {@code inputs} inputs Puerto could not (fully) use arrived after input {@code afterInputId},
   * the last one the previous such alert counted, up to {@code lastInputId}; the first few of them.
   */
  record RejectedInputs(long afterInputId, long lastInputId, long inputs, List<Example> examples)
      implements Condition {
    public RejectedInputs {
      examples = List.copyOf(examples);
    }

    @Override
    public AlertRule rule() {
      return AlertRule.REJECTED_INPUTS;
    }

    @Override
    public String subject() {
      return "inputs";
    }

    @Override
    public String period() {
      return "after " + afterInputId;
    }

    @Override
    public String domain() {
      return null;
    }

    /** One input: where it came from, and why it was rejected (the first line). */
    public record Example(long inputId, String origin, String error) {}
  }
}
