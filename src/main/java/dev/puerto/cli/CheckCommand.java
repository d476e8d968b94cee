package dev.puerto.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.puerto.analyze.Analyzer;
import dev.puerto.check.CheckItem;
import dev.puerto.check.CheckReport;
import dev.puerto.dns.DnsClient;
import dev.puerto.dns.DomainSyntax;
import dev.puerto.schema.CheckLevel;
import dev.puerto.store.CheckStore;
import dev.puerto.store.Database;
import dev.puerto.store.DatabaseFailure;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.store.DatabaseUnavailableException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Audit a domain as DNS has it now, no reports needed: SPF (present, one record, syntax,"
          + " lookups shown as a chain with the includes to flatten past 10, void lookups, the"
          + " all qualifier, evaluation for given IPs), DKIM selectors (given, or those seen in"
          + " stored reports; key strength, revoked keys), DMARC (present, policy, the DMARCbis"
          + " tags np, psd and t, the removed pct, rf and ri, rua, ruf, that report destinations"
          + " in other domains authorise the reports, and the DMARCbis DNS tree walk beside the"
          + " Public Suffix List), MX (each host's PTR, forward-confirmed), BIMI, DNSSEC (the AD"
          + " bit of a validating resolver), MTA-STS (the"
          + " _mta-sts record, then the policy file fetched over HTTPS as senders fetch it: no"
          + " redirects, a valid certificate, at most 64 KiB, its mode, max_age and that it"
          + " names every MX), TLS-RPT (_smtp._tls), and the PTR and blocklist status of given"
          + " IPs. Each problem comes with its fix.",
      "With a database (--db, or the embedded one once it exists) the result is kept for the"
          + " dashboard (tables domain_checks and domain_check_items).",
      "Exit code 1 when something is wrong (FAIL) or DNS did not answer (ERROR); when the"
          + " resolver itself does not answer, one line says so instead of the checks.",
      "Exit code 2, before any DNS query, when DOMAIN is not a domain name (a URL, an e-mail"
          + " or IP address, an empty or too long label, a bad character); internationalised"
          + " names are converted to A-labels."
    })
final class CheckCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Mixin DnsOptions dnsOptions;

  @Mixin BlocklistOptions blocklistOptions;

  @Parameters(index = "0", paramLabel = "DOMAIN", description = "the domain to check")
  String domain;

  @Option(
      names = "--selector",
      paramLabel = "S",
      description = "DKIM selector to check, repeatable (default: those in stored reports)")
  List<String> selectors = new ArrayList<>();

  @Option(names = "--ip", paramLabel = "IP", description = "a sending IP to check, repeatable")
  List<String> ips = new ArrayList<>();

  @Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    // Before anything else, above all before any DNS query: a mistyped domain is a usage error.
    DomainSyntax.Domain checked;
    try {
      checked = DomainSyntax.parse(domain);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("check: " + e.getMessage(), e);
    }
    Config config = main.config();
    String name = checked.ascii();
    List<InetAddress> addresses = new ArrayList<>();
    for (String ip : ips) {
      if (!com.google.common.net.InetAddresses.isInetAddress(ip)) {
        throw new ConfigException("--ip " + ip + " is not an IPv4 or IPv6 address");
      }
      addresses.add(com.google.common.net.InetAddresses.forString(ip));
    }
    DnsClient dns = dnsOptions.client(config);
    Optional<Database> database = storedResults();
    try {
      List<String> toCheck =
          !selectors.isEmpty()
              ? selectors
              : database.map(db -> Analyzer.selectorsSeen(db, name)).orElse(List.of());
      CheckReport report =
          Main.domainCheck(dns, blocklistOptions.blocklists(dns, config))
              .check(name, toCheck, addresses);
      Optional<String> resolver = dns.resolverProblem();
      if (resolver.isPresent()) {
        // Every check would say ERROR for a reason that is not the domain's: say the reason once.
        spec.commandLine().getErr().println("puerto: check: " + resolver.get());
        return ExitCode.REJECTED;
      }
      database.ifPresent(db -> keep(db, report));
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        out.println(
            new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(report.toJson()));
      } else {
        print(report, checked.typed(), out);
      }
      return report.ok() ? ExitCode.OK : ExitCode.REJECTED;
    } finally {
      database.ifPresent(Database::close);
    }
  }

  /**
   * The database that gives the selectors of stored reports and keeps the result for the dashboard,
   * when one is configured or the embedded one exists; check works without it.
   */
  private Optional<Database> storedResults() throws ConfigException {
    DatabaseSettings settings = main.databaseSettings();
    if (settings.embedded() && !Files.isDirectory(settings.home().resolve("postgres"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Database.open(settings));
    } catch (DatabaseUnavailableException e) {
      spec.commandLine()
          .getErr()
          .println(
              "puerto: no stored selectors, and the result is not kept ("
                  + e.getMessage()
                  + "); continuing without");
      return Optional.empty();
    }
  }

  private void keep(Database database, CheckReport report) {
    try {
      new CheckStore(database).save(report);
    } catch (RuntimeException e) {
      spec.commandLine()
          .getErr()
          .println(
              "puerto: the result was not kept for the dashboard: "
                  + DatabaseFailure.find(e)
                      .map(f -> f.describe("check"))
                      .orElseGet(() -> String.valueOf(e.getMessage())));
    }
  }

  /**
   * @param typed the domain as given, when it was converted to A-labels; else null
   */
  private static void print(CheckReport report, String typed, PrintWriter out) {
    out.println(
        "Checked "
            + report.domain()
            + (typed == null ? "" : " (" + typed + ")")
            + " at "
            + report.checkedAt());
    for (CheckItem item : report.items()) {
      out.printf("%-5s %-9s %-24s %s%n", item.level(), item.area(), item.code(), item.message());
      for (String detail : item.details()) {
        out.printf("%43s%s%n", "", detail);
      }
      if (item.fix() != null) {
        out.printf("%40s fix: %s%n", "", item.fix());
      }
    }
    long problems = report.items().stream().filter(i -> i.level() != CheckLevel.OK).count();
    out.println(
        report.ok()
            ? "No errors"
                + (problems > 0
                    ? " (" + problems + (problems == 1 ? " warning)" : " warnings)")
                    : "")
                + "."
            : "Something is wrong: see FAIL and ERROR above.");
  }
}
