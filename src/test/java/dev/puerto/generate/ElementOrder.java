package dev.puerto.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Child element order: real reporters do not all follow the XSD sequence. */
public enum ElementOrder {
  XSD,
  /** Mail.Ru sorts every element's children by name (auth_results before row). */
  ALPHABETICAL,
  /** wp.pl puts date_range before org_name; otherwise XSD order. */
  DATE_RANGE_FIRST;

  List<XmlNode> arrange(List<XmlNode> children) {
    return switch (this) {
      case XSD -> children;
      case ALPHABETICAL -> children.stream().sorted(Comparator.comparing(XmlNode::name)).toList();
      case DATE_RANGE_FIRST -> dateRangeFirst(children);
    };
  }

  private static List<XmlNode> dateRangeFirst(List<XmlNode> children) {
    List<XmlNode> arranged = new ArrayList<>(children.size());
    children.stream().filter(c -> c.name().equals("date_range")).forEach(arranged::add);
    children.stream().filter(c -> !c.name().equals("date_range")).forEach(arranged::add);
    return arranged;
  }
}
