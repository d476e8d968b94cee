package dev.puerto.cli;

import dev.puerto.i18n.Messages;
import dev.puerto.mail.SmtpSettings;
import dev.puerto.store.Database;
import dev.puerto.summary.IsoWeek;
import dev.puerto.summary.SummaryFormat;
import dev.puerto.summary.SummaryMailer;
import dev.puerto.summary.WeeklySummary;
import dev.puerto.tools.Causes;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print (or mail) the weekly deliverability summary of an ISO week (UTC): volume, DMARC, SPF"
          + " and DKIM pass rates with the change against the week before, dispositions,"
          + " reporters, top, new and failing sources, policy advice and collection health.",
      "Reports covering several days count on each day in proportion to time."
    },
    footerHeading = "%nMail settings:%n",
    footer = {
      "Each --smtp-* option and --mail-from has an environment variable (PUERTO_SMTP_HOST,"
          + " PUERTO_SMTP_PORT, PUERTO_SMTP_SECURITY, PUERTO_SMTP_USER, PUERTO_SMTP_PASSWORD,"
          + " PUERTO_MAIL_FROM) and config file key of the same name."
    })
final class SummaryCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Mixin ReadDatabaseOption readDatabase;

  @Option(
      names = "--week",
      paramLabel = "YYYY-Www",
      description = "ISO week, e.g. 2026-W47 (default: the last complete week, UTC)")
  String week;

  @Option(
      names = "--domain",
      paramLabel = "DOMAIN",
      description =
          "policy domain; repeat for several (default: every domain with reports in the week"
              + " or the four before)")
  List<String> domains = List.of();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text, markdown, html or json (default: ${DEFAULT-VALUE})",
      defaultValue = "text")
  SummaryFormat format;

  @Option(names = "--output", paramLabel = "FILE", description = "write to FILE, not stdout")
  Path output;

  @Option(
      names = "--mail-to",
      paramLabel = "ADDR",
      arity = "1..*",
      description = "mail the summary (text and HTML, one message per domain) to these addresses")
  List<String> mailTo = List.of();

  @Option(
      names = "--send-empty",
      description = "with --mail-to, send even for domains without reports this week")
  boolean sendEmpty;

  @Mixin SmtpOptions smtpOptions;

  private final Clock clock;

  SummaryCommand() {
    this(Clock.systemUTC());
  }

  SummaryCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    IsoWeek isoWeek = isoWeek();
    Messages messages = main.messages();
    SmtpSettings smtp = mailTo.isEmpty() ? null : smtpOptions.settings(main.config(), "--mail-to");
    WeeklySummary summary;
    // The summary only reads (mailing it records nothing): with --read-db the primary is not used.
    try (Database database = readDatabase.openForReads(main)) {
      summary =
          Main.summarizer(database, messages)
              .summarize(
                  isoWeek, domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList());
    }
    String rendered = format.render(summary, messages);
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      try {
        Files.writeString(output, rendered, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException("cannot write " + output + ": " + e.getMessage(), e);
      }
    } else if (smtp == null) {
      out.print(rendered);
      out.flush();
    }
    return smtp == null ? ExitCode.OK : mail(summary, smtp, messages, out);
  }

  private int mail(WeeklySummary summary, SmtpSettings smtp, Messages messages, PrintWriter out) {
    if (summary.empty() && !sendEmpty) {
      out.println(
          "nothing sent: no reports for "
              + summary.week()
              + (summary.domains().isEmpty()
                  ? ""
                  : " ("
                      + String.join(", ", summary.domains().stream().map(d -> d.domain()).toList())
                      + ")")
              + "; --send-empty sends anyway");
      return ExitCode.OK;
    }
    try {
      for (String subject : new SummaryMailer(smtp, messages).send(summary, mailTo, sendEmpty)) {
        out.println("sent \"" + subject + "\" to " + String.join(", ", mailTo));
      }
      return ExitCode.OK;
    } catch (MessagingException e) {
      spec.commandLine()
          .getErr()
          .println(
              "puerto: cannot send the summary via "
                  + smtp.host()
                  + ":"
                  + smtp.port()
                  + ": "
                  + Causes.rootMessage(e)
                  + " (check --smtp-host, --smtp-port, --smtp-security and the credentials)");
      return ExitCode.REJECTED;
    }
  }

  private IsoWeek isoWeek() throws ConfigException {
    if (week == null) {
      return IsoWeek.lastComplete(clock);
    }
    try {
      return IsoWeek.parse(week);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--week: " + e.getMessage(), e);
    }
  }
}
