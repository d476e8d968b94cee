package dev.puerto.parse;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.DTD;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import com.ctc.wstx.exc.WstxEOFException;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.codehaus.stax2.DTDInfo;

/**
 * The aggregate reports in one XML document, one after the other. A document usually is one {@code
 * <feedback>}; some hold several (two gzip members that each hold a report decompress into one
 * stream), and some wrap the report in an element that is not part of the format, closed or not.
 * Every {@code <feedback>} outside another one is a report. Anything else after a report is
 * reported as a rejection, never dropped quietly. Not thread-safe; the caller closes the stream.
 */
public final class FeedbackDocument implements AutoCloseable {
  private final String name;
  private final XMLStreamReader raw;
  private final NamespaceBlindReader xml;
  private final JAXBContext jaxb;

  /** Elements around the scan position that are not part of the format, innermost last. */
  private final Deque<Wrapper> wrappers = new ArrayDeque<>();

  /** The report handed out last, and its sections (also when its header was rejected). */
  private ReportReader current;

  private FeedbackSections currentSections;
  private int reports;
  private String rootElement;
  private Position trailing;
  private boolean ended;

  private FeedbackDocument(String name, XMLStreamReader raw, JAXBContext jaxb) {
    this.name = name;
    this.raw = raw;
    this.xml = new NamespaceBlindReader(raw);
    this.jaxb = jaxb;
  }

  static FeedbackDocument open(String name, InputStream in, SecureXml secureXml, JAXBContext jaxb)
      throws ReportRejectedException {
    try {
      return new FeedbackDocument(name, secureXml.reader(PrologCleaner.clean(in)), jaxb);
    } catch (InvalidReportException | IOException | XMLStreamException e) {
      throw Rejections.of(name, e);
    }
  }

  /**
   * The next report with its header read, or null when the document holds no more. A report the
   * caller did not read to its end is skipped.
   *
   * @throws ReportRejectedException when the next report cannot be understood, or when what follows
   *     the last report is not a report; the document may still be read on after a report that was
   *     well-formed XML but invalid
   */
  public ReportReader next() throws ReportRejectedException {
    if (ended) {
      return null;
    }
    String reportName = reports == 0 ? name : name + " (report " + (reports + 1) + ")";
    boolean insideReport = false;
    try {
      finishCurrent();
      if (!advanceToFeedback()) {
        ended = true;
        return endOfDocument();
      }
      reports++;
      insideReport = true;
      String namespace = raw.getNamespaceURI();
      int depth = xml.depth();
      xml.next();
      currentSections =
          new FeedbackSections(
              xml,
              jaxb.createUnmarshaller(),
              namespace == null || namespace.isEmpty() ? null : namespace,
              depth);
      current = new ReportReader(reportName, currentSections);
      return current;
    } catch (InvalidReportException e) {
      // Well-formed so far: the next call skips the rest of this report (a DTD ended it all).
      throw Rejections.of(reportName, e);
    } catch (XMLStreamException | JAXBException | IOException e) {
      ended = true;
      boolean afterReports = !insideReport && reports > 0;
      if (afterReports && isUnclosedWrapper(e)) {
        return null;
      }
      throw Rejections.of(afterReports ? afterReports() : reportName, e);
    }
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
    }
    try {
      raw.close();
    } catch (XMLStreamException alreadyBroken) {
      // Nothing left to release.
    }
  }

  /** Skips what is left of the report handed out last. */
  private void finishCurrent() throws XMLStreamException {
    if (current != null) {
      current.close();
      current = null;
    }
    if (currentSections != null) {
      FeedbackSections done = currentSections;
      currentSections = null;
      done.skipToEnd();
    }
  }

  /** Scans to the next {@code <feedback>} start tag; false at the end of the input. */
  private boolean advanceToFeedback() throws XMLStreamException {
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == START_ELEMENT) {
        if ("feedback".equals(xml.getLocalName())) {
          wrappers.forEach(Wrapper::holdsReport);
          return true;
        }
        if (rootElement == null) {
          rootElement = xml.getLocalName();
        }
        wrappers.add(new Wrapper(reports > 0, Position.of(xml.getLocation())));
      } else if (event == END_ELEMENT) {
        Wrapper wrapper = wrappers.pollLast();
        if (wrapper != null && wrapper.afterReport && !wrapper.heldReport) {
          noteTrailing(wrapper.start);
        }
      } else if ((event == CHARACTERS || event == CDATA) && reports > 0 && !xml.isWhiteSpace()) {
        noteTrailing(Position.of(xml.getLocation()));
      } else if (event == DTD) {
        ended = true; // nothing after a document type declaration is read
        throw new InvalidReportException(
            isHtml() ? "not a DMARC aggregate report: an HTML page" : SecureXml.DTD_REJECTED);
      }
    }
    return false;
  }

  /** {@code <!DOCTYPE html>}: a web page, not an attack; said so. */
  private boolean isHtml() {
    return raw instanceof DTDInfo dtd && "html".equalsIgnoreCase(dtd.getDTDRootName());
  }

  private void noteTrailing(Position at) {
    if (trailing == null) {
      trailing = at;
    }
  }

  private ReportReader endOfDocument() throws ReportRejectedException {
    if (reports == 0) {
      throw Rejections.of(
          name,
          new InvalidReportException(
              rootElement == null
                  ? "document holds no XML element"
                  : "not a DMARC aggregate report: root element is <" + rootElement + ">"));
    }
    if (trailing != null) {
      throw Rejections.of(
          afterReports(),
          new InvalidReportException(
              "content that is not a report, from line "
                  + trailing.line()
                  + ", column "
                  + trailing.column()
                  + ", was not read"));
    }
    return null;
  }

  /**
   * Real reporters wrap reports in an element they never close (a stray {@code <xs:schema>}): the
   * input ends inside elements that are not part of the format, after a complete report.
   */
  private boolean isUnclosedWrapper(Exception e) {
    return e instanceof WstxEOFException
        && !wrappers.isEmpty()
        && wrappers.stream().allMatch(wrapper -> wrapper.heldReport)
        && trailing == null;
  }

  private String afterReports() {
    return name + " (after " + (reports == 1 ? "the report" : "report " + reports) + ")";
  }

  /** An element around reports that is not part of the format. */
  private static final class Wrapper {
    final boolean afterReport;
    final Position start;
    boolean heldReport;

    Wrapper(boolean afterReport, Position start) {
      this.afterReport = afterReport;
      this.start = start;
    }

    void holdsReport() {
      heldReport = true;
    }
  }

  /** Where in the document something was; Woodstox may reuse its location objects. */
  private record Position(int line, int column) {
    static Position of(Location location) {
      return new Position(location.getLineNumber(), location.getColumnNumber());
    }
  }
}
