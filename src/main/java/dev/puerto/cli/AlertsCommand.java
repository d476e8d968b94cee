package dev.puerto.cli;

import dev.puerto.alert.AlertText;
import dev.puerto.alert.Alerts;
import dev.puerto.alert.FiredAlert;
import dev.puerto.i18n.Messages;
import dev.puerto.schema.AlertChannel;
import dev.puerto.store.Database;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
      "Alerts that arrive before the weekly summary: a new source failing DMARC, a DMARC pass"
          + " rate that drops, a daily reporter gone silent, SMTP TLS failures, rejected inputs.",
      "Each alert fires once per rule, subject and period, is kept in the database (table"
          + " alerts) and is sent by mail (PUERTO_ALERT_MAIL_TO, with the summary's SMTP"
          + " settings) and to a signed webhook (PUERTO_ALERT_WEBHOOK_URL). import, fetch and"
          + " watch evaluate the rules too when a channel is configured; watch also every"
          + " PUERTO_ALERTS_INTERVAL (default 15m)."
    },
    subcommands = {AlertsCommand.Check.class, AlertsCommand.ListAlerts.class},
    footerHeading = "%nConfiguration (environment or config file):%n",
    footer = {
      "PUERTO_ALERT_MAIL_TO (comma-separated addresses), PUERTO_ALERT_WEBHOOK_URL,"
          + " PUERTO_ALERT_WEBHOOK_SECRET_FILE (first line: the HMAC-SHA256 key, 16 bytes or"
          + " more), PUERTO_ALERT_WEBHOOK_TIMEOUT (10s), PUERTO_ALERT_WEBHOOK_ATTEMPTS (4),"
          + " PUERTO_ALERT_WEBHOOK_RETRY (1s, doubled each time), PUERTO_ALERTS_INTERVAL (15m),"
          + " PUERTO_LANG (en or es).",
      "Rules and thresholds: PUERTO_ALERT_NEW_SOURCE_MESSAGES (10 failing messages),"
          + " PUERTO_ALERT_NEW_SOURCE_DAYS (30: not seen in that many days before),"
          + " PUERTO_ALERT_PASS_RATE_DROP (10 points against the 7 days before),"
          + " PUERTO_ALERT_PASS_RATE_MIN_MESSAGES (100 a day), PUERTO_ALERT_SILENT_DAYS (3),"
          + " PUERTO_ALERT_TLS_FAILURES (10 failed sessions a day), PUERTO_ALERT_REJECTED_INPUTS"
          + " (1); PUERTO_ALERT_OFF turns rules off (e.g. silent_reporter,tls_failures)."
    })
final class AlertsCommand {
  @ParentCommand Main main;

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Evaluate the rules now, fire what is new and deliver every alert whose delivery is"
            + " pending or failed before (for cron, e.g. every 15 minutes).",
        "Without a channel configured, alerts are only recorded (puerto alerts list shows"
            + " them)."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:evaluated; every delivery due was made (or another Puerto was evaluating)",
        "1:a delivery failed (the next check tries it again)",
        "2:usage or configuration error",
        "3:database unavailable",
        "4:internal error"
      })
  static final class Check implements Callable<Integer> {
    @ParentCommand AlertsCommand alerts;

    @Spec CommandSpec spec;

    @Mixin SmtpOptions smtp;

    @Override
    public Integer call() throws Exception {
      Main main = alerts.main;
      AlertRun run = AlertRun.of(main.config(), smtp, main.messages().lang());
      PrintWriter out = spec.commandLine().getOut();
      Optional<Alerts.Check> check;
      try (Database database = main.openDatabase()) {
        check = run.check(database);
      }
      if (check.isEmpty()) {
        out.println("another Puerto is evaluating the alerts on this database; nothing done");
        return ExitCode.OK;
      }
      Alerts.Check result = check.get();
      AlertText text = new AlertText(main.messages());
      out.println(
          result.fired().size()
              + (result.fired().size() == 1 ? " alert" : " alerts")
              + " fired, "
              + result.delivered()
              + " delivered, "
              + result.failed().size()
              + " failed");
      for (FiredAlert alert : result.fired()) {
        out.println("  " + alert.id() + " " + text.title(alert.condition()));
      }
      for (String failure : result.failed()) {
        spec.commandLine().getErr().println("puerto: " + failure);
      }
      return result.failed().isEmpty() ? ExitCode.OK : ExitCode.REJECTED;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "List the alerts fired, newest first: when, rule, subject, period, how each channel's"
              + " delivery went, and the alert's title (--format json: with its numbers).")
  static final class ListAlerts implements Callable<Integer> {
    private static final DateTimeFormatter FIRED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ParentCommand AlertsCommand alerts;

    @Spec CommandSpec spec;

    @Mixin ReadDatabaseOption readDatabase;

    @Option(
        names = "--days",
        paramLabel = "N",
        description = "alerts fired in the last N days (default ${DEFAULT-VALUE})",
        defaultValue = "30")
    int days;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "at most N alerts (default ${DEFAULT-VALUE})",
        defaultValue = "100")
    int limit;

    @Mixin OutputFormat output;

    @Override
    public Integer call() throws Exception {
      Main main = alerts.main;
      if (days < 1 || limit < 1) {
        throw new ConfigException("--days and --limit must be 1 or more");
      }
      AlertConfig config = new AlertConfig(main.config(), main.messages().lang());
      List<FiredAlert> fired;
      try (Database database = readDatabase.openForReads(main)) {
        fired = Main.alerts(database, config.settings(), List.of()).list(days, limit);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        out.println("[");
        for (int i = 0; i < fired.size(); i++) {
          out.println("  " + Alerts.json(fired.get(i)) + (i + 1 < fired.size() ? "," : ""));
        }
        out.println("]");
        return ExitCode.OK;
      }
      if (fired.isEmpty()) {
        out.println("no alerts fired in the last " + days + " days");
        return ExitCode.OK;
      }
      AlertText text = new AlertText(Messages.of(config.lang()));
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "ID", "FIRED (UTC)", "RULE", "SUBJECT", "PERIOD", "MAIL", "WEBHOOK", "ALERT"
          });
      for (FiredAlert a : fired) {
        rows.add(
            new String[] {
              Long.toString(a.id()),
              FIRED.format(a.firedAt().withOffsetSameInstant(ZoneOffset.UTC)),
              a.condition().rule().code(),
              a.condition().subject(),
              a.condition().period(),
              state(a, AlertChannel.MAIL),
              state(a, AlertChannel.WEBHOOK),
              text.title(a.condition())
            });
      }
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          line.append(
              i + 1 < row.length ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i]);
        }
        out.println(line.toString().stripTrailing());
      }
      return ExitCode.OK;
    }

    /** "sent", "failed (3)" with the attempts, or "-" when the channel was not configured. */
    private static String state(FiredAlert alert, AlertChannel channel) {
      return alert.deliveries().stream()
          .filter(d -> d.channel() == channel)
          .findFirst()
          .map(
              d ->
                  d.state().code()
                      + (d.attempts() > 1 || d.lastError() != null
                          ? " (" + d.attempts() + ")"
                          : ""))
          .orElse("-");
    }
  }
}
