package dev.puerto.parse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.testing.FirstReport;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A whole report read into memory, for tests with small documents. */
record Parsed(AggregateReport report, List<ReportRecord> records) {
  private static final ReportParser PARSER = new ReportParser();

  static Parsed parse(String xml) throws ReportRejectedException {
    return parse("test.xml", new ByteArrayInputStream(xml.getBytes(UTF_8)));
  }

  static Parsed parse(String name, InputStream xml) throws ReportRejectedException {
    try (FirstReport first = FirstReport.open(PARSER, name, xml)) {
      return readAll(first.reader());
    }
  }

  /** A report read whole, and its report-level extensions as known at its end. */
  record WithExtensions(Parsed parsed, String extensions) {}

  static WithExtensions withExtensions(String xml) throws ReportRejectedException {
    return withExtensions(new ByteArrayInputStream(xml.getBytes(UTF_8)));
  }

  static WithExtensions withExtensions(InputStream xml) throws ReportRejectedException {
    try (FirstReport first = FirstReport.open(PARSER, "test.xml", xml)) {
      Parsed parsed = readAll(first.reader());
      return new WithExtensions(parsed, first.reader().extensions());
    }
  }

  /** Every report and every rejection of a document, in the order met. */
  record Document(List<Parsed> reports, List<String> rejections) {}

  static Document document(String xml) throws ReportRejectedException {
    List<Parsed> reports = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    try (FeedbackDocument document =
        PARSER.open("test.xml", new ByteArrayInputStream(xml.getBytes(UTF_8)))) {
      while (true) {
        ReportReader reader;
        try {
          reader = document.next();
        } catch (ReportRejectedException e) {
          rejections.add(e.getMessage());
          continue;
        }
        if (reader == null) {
          return new Document(reports, rejections);
        }
        try {
          reports.add(readAll(reader));
        } catch (ReportRejectedException e) {
          rejections.add(e.getMessage());
        }
      }
    }
  }

  private static Parsed readAll(ReportReader reader) throws ReportRejectedException {
    List<ReportRecord> records = new ArrayList<>();
    for (ReportRecord record = reader.next(); record != null; record = reader.next()) {
      records.add(record);
    }
    return new Parsed(reader.report(), records);
  }

  static ReportRecord onlyRecord(String xml) throws ReportRejectedException {
    List<ReportRecord> records = parse(xml).records();
    if (records.size() != 1) {
      throw new AssertionError("expected one record, got " + records.size());
    }
    return records.get(0);
  }

  /** The message of the rejection of {@code xml}, read as "test.xml". */
  static String rejection(String xml) {
    return rejection(new ByteArrayInputStream(xml.getBytes(UTF_8)));
  }

  static String rejection(InputStream xml) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(() -> parse("test.xml", xml))
        .isInstanceOf(ReportRejectedException.class)
        .satisfies(e -> caught[0] = e);
    return caught[0].getMessage();
  }
}
