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
