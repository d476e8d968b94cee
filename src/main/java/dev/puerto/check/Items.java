package dev.puerto.check;

import dev.puerto.schema.CheckLevel;
import java.util.ArrayList;
import java.util.List;

/** The verdicts of one area (SPF, DKIM, ...), in the order they are found. */
final class Items {
  private final String area;
  private final List<CheckItem> items = new ArrayList<>();

  Items(String area) {
    this.area = area;
  }

  void ok(String code, String message) {
    add(CheckLevel.OK, code, message, null);
  }

  void ok(String code, String message, List<String> details) {
    items.add(new CheckItem(area, CheckLevel.OK, code, message, null, details));
  }

  void warn(String code, String message, String fix, List<String> details) {
    items.add(new CheckItem(area, CheckLevel.WARN, code, message, fix, details));
  }

  void fail(String code, String message, String fix, List<String> details) {
    items.add(new CheckItem(area, CheckLevel.FAIL, code, message, fix, details));
  }

  void warn(String code, String message, String fix) {
    add(CheckLevel.WARN, code, message, fix);
  }

  void fail(String code, String message, String fix) {
    add(CheckLevel.FAIL, code, message, fix);
  }

  /** DNS or the policy server did not answer: unknown, not wrong. */
  void error(String code, String message, String fix) {
    add(CheckLevel.ERROR, code, message, fix);
  }

  private void add(CheckLevel level, String code, String message, String fix) {
    items.add(new CheckItem(area, level, code, message, fix));
  }

  List<CheckItem> list() {
    return List.copyOf(items);
  }
}
