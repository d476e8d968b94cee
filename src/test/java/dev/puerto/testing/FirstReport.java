package dev.puerto.testing;

import dev.puerto.parse.FeedbackDocument;
import dev.puerto.parse.ReportParser;
import dev.puerto.parse.ReportReader;
import dev.puerto.parse.ReportRecord;
import dev.puerto.parse.ReportRejectedException;
import java.io.InputStream;

/** The first report of a document, for tests about one report; closing it closes the document. */
public final class FirstReport implements AutoCloseable {
  private final FeedbackDocument document;
  private final ReportReader reader;

  private FirstReport(FeedbackDocument document, ReportReader reader) {
    this.document = document;
    this.reader = reader;
  }

  public static FirstReport open(ReportParser parser, String name, InputStream xml)
      throws ReportRejectedException {
    FeedbackDocument document = parser.open(name, xml);
    try {
      ReportReader reader = document.next();
      if (reader == null) {
        throw new AssertionError(name + " holds no report");
      }
      return new FirstReport(document, reader);
    } catch (ReportRejectedException | RuntimeException | Error e) {
      document.close();
      throw e;
    }
  }

  public ReportReader reader() {
    return reader;
  }

  public ReportRecord next() throws ReportRejectedException {
    return reader.next();
  }

  @Override
  public void close() {
    document.close();
  }
}
