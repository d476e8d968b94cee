package dev.puerto.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.puerto.analyze.Evidence.DkimSignature;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.SpfCheck;
import dev.puerto.sender.Attribution;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * A finding's evidence as JSON: what the findings.evidence column holds and {@code analyze --format
 * json} prints, in one shape (keys in the order the classifier looked, the verdict last).
 */
public final class EvidenceJson {
  private EvidenceJson() {}

  public static ObjectNode of(Finding finding) {
    Evidence evidence = finding.evidence();
    ObjectNode node = object();
    node.put("checked_at", evidence.checkedAt().toString());
    ObjectNode ptr = node.putObject("ptr");
    ptr.put("name", evidence.ptr().ptr());
    ptr.put("forward_confirmed", evidence.ptr().forwardConfirmed());
    ptr.set("answer", answer(evidence.ptr().ptrAnswer()));
    node.set("dmarc", answer(evidence.dmarc()));
    node.set("spf", spf(evidence.spf()));
    if (evidence.dkim() != null) {
      ArrayNode dkim = node.putArray("dkim");
      evidence.dkim().forEach(signature -> dkim.add(dkim(signature)));
    }
    if (evidence.spfOtherDomains() != null) {
      node.set("spf_other_domains", spf(evidence.spfOtherDomains()));
    }
    if (evidence.sender() != null) {
      Attribution sender = evidence.sender();
      ObjectNode service = node.putObject("sender");
      service.put("service", sender.service());
      service.put("kind", sender.kind().json());
      service.put("evidence", sender.evidence().name().toLowerCase(Locale.ROOT));
      service.put("matched", sender.matched());
      service.put("confidence", sender.confidence().name().toLowerCase(Locale.ROOT));
      service.put("docs", sender.docUrl().toString());
    }
    if (evidence.dnsError() != null) {
      node.put("dns_error", evidence.dnsError());
    }
    node.put("verdict", finding.verdict().code());
    return node;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static ObjectNode answer(DnsAnswer answer) {
    ObjectNode node = object();
    node.put("name", answer.name());
    node.put("type", Type.string(answer.type()));
    node.put("status", answer.status().name());
    ArrayNode records = node.putArray("records");
    answer.records().forEach(r -> records.add(DnsAnswer.text(r)));
    node.put("ttl", answer.ttl());
    node.put("seen_at", answer.seenAt().toString());
    return node;
  }

  private static ArrayNode spf(List<SpfCheck> checks) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (SpfCheck check : checks) {
      ObjectNode node = array.addObject();
      node.put("domain", check.domain());
      node.put("result", check.result().text());
      node.put("record", check.record());
      ArrayNode matched = node.putArray("matched");
      check.matched().forEach(matched::add);
      node.put("dns_lookups", check.dnsLookups());
      node.put("void_lookups", check.voidLookups());
      if (check.problem() != null) {
        node.put("problem", check.problem());
      }
    }
    return array;
  }

  private static ObjectNode dkim(DkimSignature signature) {
    ObjectNode node = object();
    node.put("selector", signature.selector());
    node.put("domain", signature.domain());
    node.put("reported_result", signature.reportedResult());
    node.set("answer", answer(signature.answer()));
    if (signature.keyStatus() != null) {
      node.put("key_status", signature.keyStatus().name());
    }
    return node;
  }
}
