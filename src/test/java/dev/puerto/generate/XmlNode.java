package dev.puerto.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A small element tree for one report part, so that element order quirks are applied in one place.
 * Leaves with a null value vanish, which is how optional elements are left out.
 */
record XmlNode(String name, String text, List<XmlNode> children, FeedbackExtension namespace) {

  static XmlNode leaf(String name, Object value) {
    return value == null ? null : new XmlNode(name, value.toString(), List.of(), null);
  }

  static XmlNode element(String name, XmlNode... children) {
    return element(name, Arrays.asList(children));
  }

  static XmlNode element(String name, List<XmlNode> children) {
    return new XmlNode(name, null, children.stream().filter(Objects::nonNull).toList(), null);
  }

  static XmlNode extension(FeedbackExtension extension) {
    return new XmlNode(extension.name(), extension.text(), List.of(), extension);
  }
}
