package dev.puerto.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.puerto.dns.DnsAnswer;
import dev.puerto.dns.SpfCheck;

/** The JSON shapes of DNS evidence, shared by findings and {@code check --format json}. */
final class Evidence {
  private Evidence() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ObjectNode answer(DnsAnswer answer) {
    ObjectNode node = object();
    node.put("name", answer.name());
    node.put("type", org.xbill.DNS.Type.string(answer.type()));
    node.put("status", answer.status().name());
    ArrayNode records = node.putArray("records");
    answer.records().forEach(r -> records.add(DnsAnswer.text(r)));
    node.put("ttl", answer.ttl());
    node.put("seen_at", answer.seenAt().toString());
    return node;
  }

  static ObjectNode spf(SpfCheck check) {
    ObjectNode node = object();
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
    return node;
  }
}
