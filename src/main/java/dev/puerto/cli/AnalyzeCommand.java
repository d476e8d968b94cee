package dev.puerto.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import dev.puerto.analyze.Analyzer;
import dev.puerto.analyze.EvidenceJson;
import dev.puerto.analyze.Finding;
import dev.puerto.analyze.HostCheck;
import dev.puerto.analyze.Window;
import dev.puerto.dns.DnsClient;
import dev.puerto.enrich.IpDatabase;
import dev.puerto.enrich.SourceEnricher;
import dev.puerto.schema.Verdict;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "For every (policy domain, source IP) that failed DMARC in the window, look at DNS as it is"
          + " now and say why: fixed_since_report, legitimate_not_aligned, forwarded,"
          + " dkim_key_problem, unauthorized or dns_error, each with a recommended action and the"
          + " DNS evidence, stored in the findings table (a second run over the same window"
          + " replaces them, except that a source this run could not judge because DNS failed"
          + " keeps the verdict judged before). Also checks the domains' passing sending IPs for"
          + " PTR records and blocklistings.",
      "First it names every source IP of the last 60 days whose facts are missing or older than"
          + " 7 days: PTR and its forward confirmation, ASN, AS name and country (from"
          + " --ip-database, else Team Cymru's DNS service), kept in hosts (see the dmarc_sources"
          + " view); an IP whose lookup failed is tried again after an hour.",
      "Exit code 1 when DNS errors left sources unjudged; when the resolver itself does not"
          + " answer, one line says so and nothing is stored.",
      "The window is whole UTC days: the last N days up to the end of today."
    })
final class AnalyzeCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Mixin DnsOptions dnsOptions;

  @Mixin BlocklistOptions blocklistOptions;

  @Mixin ReadDatabaseOption readDatabase;

  @Mixin NamingOptions naming;

  @Option(
      names = "--since",
      paramLabel = "Nd",
      description = "window length in days, e.g. 7d (default ${DEFAULT-VALUE})",
      defaultValue = "7d")
  String since;

  @Option(names = "--domain", paramLabel = "D", description = "only this policy domain")
  String domain;

  @Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    Config config = main.config();
    Window window = Window.daysUpTo(LocalDate.now(ZoneOffset.UTC), days());
    DnsClient dns = dnsOptions.client(config);
    Analyzer.Analysis analysis;
    // Reports are read from --read-db when given; findings and hosts are written to --db.
    SourceEnricher.Tally named;
    try (ReadDatabaseOption.Databases databases = readDatabase.openWithPrimary(main);
        IpDatabase ipDatabase = naming.database(config)) {
      // First, so that the analyzer's own PTR questions are answered from the client's cache.
      named =
          Main.sourceEnricher(
                  databases.writes(),
                  () -> dns,
                  ipDatabase,
                  naming.settings(config, dnsOptions.concurrency(config)))
              .run(Integer.MAX_VALUE);
      Analyzer analyzer =
          Main.analyzer(
              databases,
              dns,
              blocklistOptions.blocklists(dns, config),
              2 * dnsOptions.concurrency(config),
              main.messages());
      analysis =
          analyzer.analyze(
              window, Optional.ofNullable(domain).map(d -> d.toLowerCase(Locale.ROOT)));
    }
    if (analysis.resolverProblem() != null) {
      // Every source would be dns_error for a reason that is not the domains': say it once.
      spec.commandLine()
          .getErr()
          .println(
              "puerto: analyze: "
                  + analysis.resolverProblem()
                  + "; nothing was judged or stored, the findings stay as they were");
      return ExitCode.REJECTED;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(json(analysis, named)));
    } else {
      print(analysis, named, dns.queriesSent(), out);
    }
    boolean unjudged = analysis.findings().stream().anyMatch(f -> f.verdict() == Verdict.DNS_ERROR);
    return unjudged ? ExitCode.REJECTED : ExitCode.OK;
  }

  private int days() throws ConfigException {
    String text = since.strip().toLowerCase(Locale.ROOT);
    try {
      int days = Integer.parseInt(text.endsWith("d") ? text.substring(0, text.length() - 1) : text);
      if (days < 1 || days > 3660) {
        throw new NumberFormatException();
      }
      return days;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "--since must be a number of days from 1d to 3660d, such as 7d, not '" + since + "'");
    }
  }

  private static void print(
      Analyzer.Analysis analysis, SourceEnricher.Tally named, long queries, PrintWriter out) {
    if (named.looked() > 0) {
      out.printf(
          "Named %,d new or expired %s in %.1f s: %,d with a PTR name, %,d placed (ASN, country),"
              + " %,d to try again within the hour%n",
          named.looked(),
          named.looked() == 1 ? "source" : "sources",
          named.took().toMillis() / 1000.0,
          named.withPtr(),
          named.placed(),
          named.failed());
    }
    int sources = analysis.findings().size();
    out.printf(
        "Window %s .. %s: %d failing %s, %d DNS %s%n",
        analysis.window().start(),
        analysis.window().end(),
        sources,
        sources == 1 ? "source" : "sources",
        queries,
        queries == 1 ? "query" : "queries");
    if (!analysis.findings().isEmpty()) {
      out.printf(
          "%-24s %-39s %8s  %-22s %s%n", "DOMAIN", "SOURCE", "MESSAGES", "VERDICT", "SERVICE");
      for (Finding f : analysis.findings()) {
        out.printf(
            "%-24s %-39s %8d  %-22s %s%n",
            f.policyDomain(),
            InetAddresses.toAddrString(f.sourceIp()),
            f.messages(),
            f.verdict().code(),
            f.service() == null ? "-" : f.service());
        out.println("    action: " + f.action());
        analysis
            .kept(f)
            .ifPresent(
                k ->
                    out.println(
                        "    kept: "
                            + k.verdict().code()
                            + " as judged at "
                            + k.checkedAt().toInstant()
                            + " stays in findings until a run can judge the source again"));
      }
    }
    if (!analysis.sendingHosts().isEmpty()) {
      out.println();
      out.println("Passing sending IPs:");
      for (HostCheck h : analysis.sendingHosts()) {
        out.printf(
            "%-24s %-39s %s%n",
            h.policyDomain(),
            InetAddresses.toAddrString(h.ip()),
            h.problems().isEmpty()
                ? "ok (PTR " + h.ptr() + ", on no blocklist)"
                : String.join("; ", h.problems()));
      }
    }
  }

  private static ObjectNode json(Analyzer.Analysis analysis, SourceEnricher.Tally named) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("window_start", analysis.window().start().toString());
    root.put("window_end", analysis.window().end().toString());
    ObjectNode naming = root.putObject("sources_named");
    naming.put("looked_up", named.looked());
    naming.put("with_ptr", named.withPtr());
    naming.put("placed", named.placed());
    naming.put("to_retry", named.failed());
    ArrayNode findings = root.putArray("findings");
    for (Finding f : analysis.findings()) {
      ObjectNode node = findings.addObject();
      node.put("policy_domain", f.policyDomain());
      node.put("source_ip", InetAddresses.toAddrString(f.sourceIp()));
      node.put("messages", f.messages());
      node.put("verdict", f.verdict().code());
      node.put("action", f.action());
      node.put("service", f.service());
      node.set("evidence", EvidenceJson.of(f));
      // The verdict that stays stored when this run could not judge the source; else null.
      analysis
          .kept(f)
          .ifPresentOrElse(
              k ->
                  node.putObject("kept")
                      .put("verdict", k.verdict().code())
                      .put("action", k.action())
                      .put("service", k.service())
                      .put("checked_at", k.checkedAt().toInstant().toString()),
              () -> node.putNull("kept"));
    }
    ArrayNode hosts = root.putArray("sending_hosts");
    for (HostCheck h : analysis.sendingHosts()) {
      ObjectNode node = hosts.addObject();
      node.put("policy_domain", h.policyDomain());
      node.put("ip", InetAddresses.toAddrString(h.ip()));
      node.put("ptr", h.ptr());
      node.put("forward_confirmed", h.forwardConfirmed());
      node.putPOJO("listed_on", h.listedOn());
      node.putPOJO("problems", h.problems());
    }
    return root;
  }
}
