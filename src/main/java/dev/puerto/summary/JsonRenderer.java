package dev.puerto.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The summary as JSON for dashboards and scripts. The shape is built field by field (not derived
 * from the records) so that renaming Java code never changes it; it is documented in the README and
 * versioned by {@code schema}: fields may be added, never renamed or removed, within a version.
 */
final class JsonRenderer {
  static final String SCHEMA = "puerto-summary/1";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonRenderer() {}

  static String render(WeeklySummary summary) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    week(root, summary.week());
    ArrayNode domains = root.putArray("domains");
    summary.domains().forEach(d -> domain(domains.addObject(), d));
    ArrayNode rejected = root.putArray("rejected_inputs");
    for (RejectedInput r : summary.rejectedInputs()) {
      rejected
          .addObject()
          .put("origin", r.origin())
          .put("status", r.status().code())
          .put("error", r.error())
          .put("received_at", r.receivedAt().toInstant().toString());
    }
    root.put("failure_reports_without_domain", summary.failureReportsWithoutDomain());
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void week(ObjectNode node, IsoWeek week) {
    node.put("week", week.toString());
    node.put("start", week.start().toInstant().toString());
    node.put("end", week.end().toInstant().toString());
  }

  private static void domain(ObjectNode node, DomainSummary d) {
    node.put("domain", d.domain());
    week(node, d.week());
    node.put("no_data", d.empty());
    counts(node, d.counts());
    ObjectNode previous = node.putObject("previous_week");
    week(previous, d.week().minusWeeks(1));
    counts(previous, d.previousWeek());
    PublishedPolicy policy = d.policy();
    if (policy == null) {
      node.putNull("policy");
    } else {
      node.putObject("policy")
          .put("p", policy.p())
          .put("sp", policy.sp())
          .put("pct", policy.pct())
          .put("changed_during_week", policy.changedDuringWeek());
    }
    node.put("reports", d.reports());
    ArrayNode reporters = node.putArray("reporters");
    d.reporters()
        .forEach(
            r ->
                reporters
                    .addObject()
                    .put("name", r.name())
                    .put("reports", r.reports())
                    .put("messages", r.messages()));
    ArrayNode silent = node.putArray("silent_reporters");
    d.silentReporters().forEach(silent::add);
    ArrayNode days = node.putArray("days");
    for (Day day : d.days()) {
      ObjectNode dayNode = days.addObject();
      dayNode.put("date", day.date().toString());
      dayNode.put("reports", day.reports());
      counts(dayNode, day.counts());
    }
    node.put("analyzed", d.analyzed());
    ArrayNode sources = node.putArray("sources");
    for (Source s : d.sources()) {
      ObjectNode source = sources.addObject();
      source.put("ip", s.ip());
      counts(source, s.counts());
      source.put("ptr", s.ptr());
      source.put("service", s.service());
      source.put("asn", s.asn());
      source.put("as_name", s.asName());
      source.put("country", s.country());
      source.put("verdict", s.verdict() == null ? null : s.verdict().code());
      source.put("action", s.action());
      source.put("new", s.firstSeen());
    }
    ArrayNode fresh = node.putArray("new_sources");
    d.newSources().forEach(s -> fresh.add(s.ip()));
    ArrayNode history = node.putArray("history");
    for (WeekRate w : d.history()) {
      history
          .addObject()
          .put("week", w.week().toString())
          .put("legitimate_messages", w.legitimate())
          .put("dmarc_pass", w.dmarcPass());
    }
    ObjectNode advice = node.putObject("advice");
    advice.put("status", d.advice().status());
    advice.put("message", d.advice().message());
    ArrayNode blockers = advice.putArray("blockers");
    d.advice().blockers().forEach(b -> blockers.add(b.plain()));
    failureReports(node.putObject("failure_reports"), d.failureReports());
    smtpTls(node.putObject("smtp_tls"), d.smtpTls());
  }

  /** The same groups the other formats show, and how many there are beyond them. */
  private static void failureReports(ObjectNode node, FailureReports reports) {
    node.put("reports", reports.reports());
    node.put("groups", reports.groups());
    ArrayNode top = node.putArray("top");
    for (FailureGroup g : reports.top()) {
      ObjectNode group = top.addObject();
      group.put("source_ip", g.sourceIp());
      group.put("feedback_type", g.feedbackType());
      group.put("auth_failure", g.authFailure());
      group.put("reports", g.reports());
      group.put("first_arrival", g.first().toInstant().toString());
      group.put("last_arrival", g.last().toInstant().toString());
      ArrayNode froms = group.putArray("header_from");
      g.headerFroms().forEach(froms::add);
      ArrayNode dkim = group.putArray("dkim_domain");
      g.dkimDomains().forEach(dkim::add);
      group.put("verdict", g.verdict() == null ? null : g.verdict().code());
    }
  }

  private static void smtpTls(ObjectNode node, SmtpTls tls) {
    node.put("reports", tls.reports());
    sessions(node, tls.sessions());
    node.put("policy_groups", tls.policyGroups());
    ArrayNode policies = node.putArray("policies");
    for (SmtpTls.Policy p : tls.policies()) {
      ObjectNode policy = policies.addObject();
      policy.put("policy_type", p.type());
      ArrayNode mx = policy.putArray("mx_hosts");
      p.mxHosts().forEach(mx::add);
      policy.put("reports", p.reports());
      sessions(policy, p.sessions());
    }
    node.put("failure_groups", tls.failureGroups());
    ArrayNode failures = node.putArray("failures");
    for (SmtpTls.Failure f : tls.failures()) {
      failures
          .addObject()
          .put("result_type", f.resultType())
          .put("receiving_mx_hostname", f.mx())
          .put("failed_sessions", f.sessions())
          .put("fix", f.fix());
    }
  }

  private static void sessions(ObjectNode node, SmtpTls.Sessions s) {
    node.put("successful_sessions", s.successful());
    node.put("failed_sessions", s.failed());
  }

  private static void counts(ObjectNode node, Counts c) {
    node.put("messages", c.messages());
    node.put("dmarc_pass", c.dmarcPass());
    node.put("spf_aligned_pass", c.spfAlignedPass());
    node.put("dkim_aligned_pass", c.dkimAlignedPass());
    node.putObject("dispositions")
        .put("none", c.delivered()) // documented: none, pass or not reported
        .put("quarantine", c.quarantine())
        .put("reject", c.reject());
  }
}
