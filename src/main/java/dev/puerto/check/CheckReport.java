package dev.puerto.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.puerto.schema.CheckLevel;
import java.time.Instant;
import java.util.List;

/** Everything {@code puerto check} found for one domain. */
public record CheckReport(String domain, Instant checkedAt, List<CheckItem> items) {
  public CheckReport {
    items = List.copyOf(items);
  }

  /** True when nothing is FAIL or ERROR. */
  public boolean ok() {
    return items.stream()
        .noneMatch(i -> i.level() == CheckLevel.FAIL || i.level() == CheckLevel.ERROR);
  }

  /** The form {@code check --format json} prints. */
  public ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("domain", domain);
    root.put("checked_at", checkedAt.toString());
    root.put("ok", ok());
    ArrayNode array = root.putArray("checks");
    for (CheckItem item : items) {
      ObjectNode node = array.addObject();
      node.put("area", item.area());
      node.put("level", item.level().name());
      node.put("code", item.code());
      node.put("message", item.message());
      node.put("fix", item.fix());
      if (!item.details().isEmpty()) {
        ArrayNode details = node.putArray("details");
        item.details().forEach(details::add);
      }
    }
    return root;
  }
}
