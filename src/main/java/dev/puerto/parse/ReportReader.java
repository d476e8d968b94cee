package dev.puerto.parse;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLStreamException;

/**
 * One report being read: the validated header at once, the records one by one. Not thread-safe.
 * Closing it releases the parser; the caller still owns and closes the input stream.
 */
public final class ReportReader implements AutoCloseable {
  private final String name;
  private final FeedbackSections sections;
  private final ReportHeader header = new ReportHeader();

  /** Records that came before the header was complete; usually none. */
  private final Deque<ReportRecord> early = new ArrayDeque<>();

  private final AggregateReport report;
  private int recordNumber;

  private ReportReader(String name, FeedbackSections sections)
      throws XMLStreamException, JAXBException {
    this.name = name;
    this.sections = sections;
    for (Section section = nextUntilHeader(); section != null; section = nextUntilHeader()) {
      ReportRecord record = read(section);
      if (record != null) {
        early.add(record);
      }
    }
    this.report = header.toReport(name, sections.rootNamespace());
  }

  static ReportReader open(String name, InputStream xml, Unmarshaller unmarshaller)
      throws ReportRejectedException {
    FeedbackSections sections = null;
    try {
      sections = FeedbackSections.open(xml, unmarshaller);
      return new ReportReader(name, sections);
    } catch (InvalidReportException | IOException | XMLStreamException | JAXBException e) {
      closeQuietly(sections);
      throw Rejections.of(name, e);
    }
  }

  public AggregateReport report() {
    return report;
  }

  /** Next record, or null after the last. */
  public ReportRecord next() throws ReportRejectedException {
    if (!early.isEmpty()) {
      return early.poll();
    }
    try {
      for (Section section = sections.next(); section != null; section = sections.next()) {
        ReportRecord record = read(section);
        if (record != null) {
          return record;
        }
      }
      return null;
    } catch (InvalidReportException | XMLStreamException | JAXBException e) {
      throw Rejections.of(name, e);
    }
  }

  @Override
  public void close() {
    closeQuietly(sections);
  }

  private Section nextUntilHeader() throws XMLStreamException, JAXBException {
    return header.isComplete() ? null : sections.next();
  }

  /** A record, or null after adding a header section (a late duplicate is still checked). */
  private ReportRecord read(Section section) {
    if (section instanceof Section.Record record) {
      return RecordMapper.map(record.xml(), ++recordNumber);
    }
    header.add(section);
    return null;
  }

  private static void closeQuietly(FeedbackSections sections) {
    if (sections != null) {
      try {
        sections.close();
      } catch (XMLStreamException alreadyBroken) {
        // Nothing left to release.
      }
    }
  }
}
