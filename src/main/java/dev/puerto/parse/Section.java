package dev.puerto.parse;

import dev.puerto.parse.xml.PolicyPublishedType;
import dev.puerto.parse.xml.RecordType;
import dev.puerto.parse.xml.ReportMetadataType;

/** One top-level child of {@code feedback} that the parser cares about, as bound by JAXB. */
sealed interface Section {
  record Version(String text) implements Section {}

  record Metadata(ReportMetadataType xml) implements Section {}

  record Policy(PolicyPublishedType xml) implements Section {}

  /** A record, and its extension elements as {@link ExtensionText} wrote them (null: none). */
  record Record(RecordType xml, String extensions) implements Section {}
}
