package dev.puerto.generate;

import static dev.puerto.generate.XmlNode.element;
import static dev.puerto.generate.XmlNode.leaf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Streams one report as XML in its reporter's layout. Only one record is in memory at a time, so a
 * report of a million records costs no more heap than a report of one.
 */
public final class ReportXmlWriter {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private final XMLStreamWriter xml;
  private final XmlLayout layout;
  private int depth;

  private ReportXmlWriter(XMLStreamWriter xml, XmlLayout layout) {
    this.xml = xml;
    this.layout = layout;
  }

  /** Writes the report to {@code out}, which stays open, and returns what it held. */
  public static ReportTotals write(GeneratedReport report, OutputStream out) throws IOException {
    XmlLayout layout = report.reporter().layout();
    Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    if (layout.byteOrderMark()) {
      text.write('\uFEFF');
    }
    // Written by hand because reporters' declarations differ in ways StAX cannot express.
    text.write(layout.declaration());
    ReportTotals totals;
    try {
      ReportXmlWriter writer = new ReportXmlWriter(FACTORY.createXMLStreamWriter(text), layout);
      totals = writer.feedback(report);
      writer.xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write report " + report.metadata().reportId(), e);
    }
    if (!layout.indent().isEmpty()) {
      text.write('\n');
    }
    text.flush();
    return totals;
  }

  private ReportTotals feedback(GeneratedReport report) throws XMLStreamException {
    newline();
    xml.writeStartElement("feedback");
    String namespace = layout.dialect().namespaceUri();
    if (namespace != null) {
      xml.writeDefaultNamespace(namespace);
    }
    if (layout.declaresSchemaPrefixes()) {
      xml.writeNamespace("xsd", "http://www.w3.org/2001/XMLSchema");
      xml.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
    }
    depth++;
    if (layout.writesVersion()) {
      emit(leaf("version", "1.0"));
    }
    emit(metadata(report.metadata()));
    emit(policy(report.policy()));
    if (!report.extensions().isEmpty()) {
      emit(element("extension", report.extensions().stream().map(XmlNode::extension).toList()));
    }
    long records = 0;
    long messages = 0;
    for (FeedbackRecord record : report.records()) {
      emit(record(record));
      records++;
      messages += record.count();
    }
    depth--;
    newline();
    xml.writeEndElement();
    xml.writeEndDocument();
    return new ReportTotals(1, records, messages);
  }

  private static XmlNode metadata(ReportMetadata metadata) {
    return element(
        "report_metadata",
        leaf("org_name", metadata.orgName()),
        leaf("email", metadata.email()),
        leaf("extra_contact_info", metadata.extraContactInfo()),
        leaf("report_id", metadata.reportId()),
        element("date_range", leaf("begin", metadata.begin()), leaf("end", metadata.end())),
        leaf("generator", metadata.generator()));
  }

  private static XmlNode policy(PolicyPublished policy) {
    return element(
        "policy_published",
        leaf("domain", policy.domain()),
        leaf("discovery_method", policy.discoveryMethod()),
        leaf("adkim", policy.adkim()),
        leaf("aspf", policy.aspf()),
        leaf("p", policy.p()),
        leaf("sp", policy.sp()),
        leaf("np", policy.np()),
        leaf("pct", policy.pct()),
        leaf("fo", policy.fo()),
        leaf("testing", policy.testing()));
  }

  private static XmlNode record(FeedbackRecord record) {
    List<XmlNode> evaluated = new ArrayList<>();
    evaluated.add(leaf("disposition", record.disposition()));
    evaluated.add(leaf("dkim", record.dkimEvaluated()));
    evaluated.add(leaf("spf", record.spfEvaluated()));
    for (OverrideReason reason : record.reasons()) {
      evaluated.add(
          element("reason", leaf("type", reason.type()), leaf("comment", reason.comment())));
    }
    List<XmlNode> auth = new ArrayList<>();
    for (DkimResult dkim : record.dkim()) {
      auth.add(
          element(
              "dkim",
              leaf("domain", dkim.domain()),
              leaf("selector", dkim.selector()),
              leaf("result", dkim.result()),
              leaf("human_result", dkim.humanResult())));
    }
    for (SpfResult spf : record.spf()) {
      auth.add(
          element(
              "spf",
              leaf("domain", spf.domain()),
              leaf("scope", spf.scope()),
              leaf("result", spf.result()),
              leaf("human_result", spf.humanResult())));
    }
    return element(
        "record",
        element(
            "row",
            leaf("source_ip", record.sourceIp()),
            leaf("count", record.count()),
            element("policy_evaluated", evaluated)),
        element(
            "identifiers",
            leaf("envelope_to", record.envelopeTo()),
            leaf("envelope_from", record.envelopeFrom()),
            leaf("header_from", record.headerFrom())),
        element("auth_results", auth));
  }

  private void emit(XmlNode node) throws XMLStreamException {
    newline();
    FeedbackExtension namespaced = node.namespace();
    if (namespaced != null) {
      xml.writeStartElement(namespaced.prefix(), node.name(), namespaced.namespaceUri());
      xml.writeNamespace(namespaced.prefix(), namespaced.namespaceUri());
      xml.writeCharacters(node.text());
      xml.writeEndElement();
    } else if (!node.children().isEmpty()) {
      xml.writeStartElement(node.name());
      depth++;
      for (XmlNode child : layout.order().arrange(node.children())) {
        emit(child);
      }
      depth--;
      newline();
      xml.writeEndElement();
    } else if (node.text() == null || node.text().isEmpty()) {
      xml.writeEmptyElement(node.name());
    } else {
      xml.writeStartElement(node.name());
      xml.writeCharacters(layout.padsValues() ? " " + node.text() + "\t" : node.text());
      xml.writeEndElement();
    }
  }

  private void newline() throws XMLStreamException {
    if (!layout.indent().isEmpty()) {
      xml.writeCharacters("\n" + layout.indent().repeat(depth));
    }
  }
}
