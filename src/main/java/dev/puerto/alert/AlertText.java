package dev.puerto.alert;

import dev.puerto.i18n.Messages;
import dev.puerto.summary.RejectedInput;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An alert in words, in one language ({@code alert.*} keys of {@link Messages}): a title (the
 * mail's subject), and a text saying what happened, the numbers and what to do.
 */
public final class AlertText {
  private static final DateTimeFormatter FIRED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  /** The command that lists rejected inputs with their reasons (SQL is not translated). */
  private static final String REJECTED_INPUTS_QUERY =
      "puerto sql \"SELECT id, origin, status, error FROM dmarc_inputs WHERE status IN ("
          + RejectedInput.STATUSES.stream()
              .map(s -> "'" + s.code() + "'")
              .collect(Collectors.joining(", "))
          + ") ORDER BY id DESC\"";

  private final Messages messages;

  public AlertText(Messages messages) {
    this.messages = messages;
  }

  public String title(Condition condition) {
    if (condition instanceof Condition.NewFailingSource c) {
      return messages.text("alert.new_failing_source.title", c.domain(), c.sourceIp());
    } else if (condition instanceof Condition.PassRateDrop c) {
      return messages.text(
          "alert.pass_rate_drop.title",
          c.domain(),
          messages.percent(c.rate()),
          messages.date(c.day()));
    } else if (condition instanceof Condition.SilentReporter c) {
      return messages.text(
          "alert.silent_reporter.title", c.reporter(), c.domain(), messages.date(c.lastDay()));
    } else if (condition instanceof Condition.TlsFailures c) {
      return messages.text(
          "alert.tls_failures.title",
          c.domain(),
          messages.date(c.day()),
          messages.number(c.failedSessions()));
    } else if (condition instanceof Condition.RejectedInputs c) {
      return messages.text("alert.rejected_inputs.title", c.inputs(), messages.number(c.inputs()));
    }
    throw new IllegalArgumentException(condition.getClass().getName());
  }

  /** The text: paragraphs separated by blank lines. */
  public String body(Condition condition) {
    return String.join("\n\n", paragraphs(condition));
  }

  /** The text, then a line naming the alert, as the mail says it. */
  String mail(FiredAlert alert) {
    return body(alert.condition())
        + "\n\n-- \n"
        + messages.text(
            "alert.footer",
            Long.toString(alert.id()),
            alert.condition().rule().code(),
            alert.condition().period(),
            FIRED.format(alert.firedAt().withOffsetSameInstant(ZoneOffset.UTC)))
        + "\n";
  }

  private List<String> paragraphs(Condition condition) {
    List<String> p = new ArrayList<>();
    if (condition instanceof Condition.NewFailingSource c) {
      p.add(
          messages.text(
              "alert.new_failing_source.what",
              c.sourceIp(),
              c.domain(),
              messages.date(c.firstDay()),
              messages.number(c.failingMessages()),
              messages.number(c.messages()),
              messages.number(c.unseenDays())));
      if (c.verdict() != null) {
        p.add(messages.text("alert.new_failing_source.verdict", c.verdict()));
      }
      p.add(
          c.fix() != null
              ? messages.text("alert.new_failing_source.fix", c.fix())
              : messages.text("alert.new_failing_source.no_fix", c.sourceIp(), c.domain()));
    } else if (condition instanceof Condition.PassRateDrop c) {
      p.add(
          messages.text(
              "alert.pass_rate_drop.what",
              messages.date(c.day()),
              messages.number(c.passingMessages()),
              messages.number(c.messages()),
              c.domain(),
              messages.percent(c.rate()),
              messages.percent(c.baselineRate()),
              messages.number(c.baselinePassingMessages()),
              messages.number(c.baselineMessages()),
              c.drop()));
      p.add(messages.text("alert.pass_rate_drop.todo", c.domain()));
    } else if (condition instanceof Condition.SilentReporter c) {
      p.add(
          messages.text(
              "alert.silent_reporter.what",
              c.reporter(),
              c.domain(),
              messages.number(c.activeDays()),
              messages.date(c.lastDay()),
              messages.number(c.silentDays())));
      p.add(messages.text("alert.silent_reporter.todo", c.domain()));
    } else if (condition instanceof Condition.TlsFailures c) {
      p.add(
          messages.text(
              "alert.tls_failures.what",
              messages.date(c.day()),
              messages.number(c.failedSessions()),
              c.domain(),
              messages.number(c.successfulSessions())));
      if (c.resultType() != null) {
        p.add(
            messages.text(
                c.mx() == null ? "alert.tls_failures.top" : "alert.tls_failures.top_mx",
                c.resultType(),
                messages.number(c.resultTypeSessions()),
                c.mx()));
      }
      p.add(
          c.fix() != null
              ? messages.text("alert.tls_failures.fix", c.fix())
              : messages.text("alert.tls_failures.no_fix", c.domain()));
    } else if (condition instanceof Condition.RejectedInputs c) {
      List<String> lines = new ArrayList<>();
      lines.add(
          messages.text("alert.rejected_inputs.what", c.inputs(), messages.number(c.inputs())));
      for (Condition.RejectedInputs.Example e : c.examples()) {
        lines.add(
            "  "
                + messages.text(
                    "alert.rejected_inputs.example",
                    Long.toString(e.inputId()),
                    e.origin(),
                    e.error()));
      }
      if (c.inputs() > c.examples().size()) {
        lines.add(
            "  "
                + messages.text(
                    "alert.rejected_inputs.more",
                    messages.number(c.inputs() - c.examples().size())));
      }
      p.add(String.join("\n", lines));
      p.add(messages.text("alert.rejected_inputs.todo", REJECTED_INPUTS_QUERY));
    }
    return p;
  }
}
