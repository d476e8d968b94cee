package dev.puerto.parse;

import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import javax.xml.stream.XMLStreamException;

/**
 * One report being read: the validated header at once, the records one by one. Not thread-safe.
 * Obtained from {@link FeedbackDocument#next()}, which also ends it.
 */
public final class ReportReader implements AutoCloseable {
  private final String name;
  private final FeedbackSections sections;
  private final ReportHeader header = new ReportHeader();

  /** Records that came before the header was complete; usually none. */
  private final EarlyRecords early = new EarlyRecords();

  private final AggregateReport report;
  private int recordNumber;
  private long messages;

  ReportReader(String name, FeedbackSections sections)
      throws XMLStreamException, JAXBException, IOException {
    this.name = name;
    this.sections = sections;
    try {
      for (Section section = nextUntilHeader(); section != null; section = nextUntilHeader()) {
        ReportRecord record = read(section);
        if (record != null) {
          early.add(record);
        }
      }
      this.report = header.toReport(name, sections.namespace());
    } catch (XMLStreamException | JAXBException | IOException | RuntimeException e) {
      early.close();
      throw e;
    }
  }

  public AggregateReport report() {
    return report;
  }

  /**
   * Next record, or null after the last.
   *
   * @throws ReportRejectedException when a record is invalid or the document breaks off
   */
  public ReportRecord next() throws ReportRejectedException {
    try {
      ReportRecord record = early.poll();
      if (record != null) {
        return record;
      }
      for (Section section = sections.next(); section != null; section = sections.next()) {
        record = read(section);
        if (record != null) {
          return record;
        }
      }
      return null;
    } catch (InvalidReportException | XMLStreamException | JAXBException | IOException e) {
      throw Rejections.of(name, e);
    }
  }

  /**
   * The report's RFC 9990 {@code <extension>} elements read so far, as one XML document ({@code
   * <extensions>} around them in document order), or null when there were none. The RFC puts the
   * element before the records, but it may come anywhere: all of them are known once {@link #next}
   * returned null. Larger than Puerto keeps (64 KiB): {@code <extensions omitted="..."/>}.
   */
  public String extensions() {
    return sections.extensions();
  }

  /** Messages in the records read so far (their exact sum: counts that overflow are rejected). */
  public long messages() {
    return messages;
  }

  /** Releases what the early records hold; the document goes on after this report. */
  @Override
  public void close() {
    early.close();
  }

  private Section nextUntilHeader() throws XMLStreamException, JAXBException {
    return header.isComplete() ? null : sections.next();
  }

  /** A record, or null after adding a header section (a late duplicate is still checked). */
  private ReportRecord read(Section section) {
    if (section instanceof Section.Record record) {
      int number = ++recordNumber;
      ReportRecord mapped = RecordMapper.map(record.xml(), record.extensions(), number);
      try {
        messages = Math.addExact(messages, mapped.count());
      } catch (ArithmeticException overflow) {
        throw new InvalidReportException(
            "record "
                + number
                + ": the message counts add up to more than "
                + String.format("%,d", Long.MAX_VALUE));
      }
      return mapped;
    }
    header.add(section);
    return null;
  }
}
