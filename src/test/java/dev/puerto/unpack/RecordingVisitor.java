package dev.puerto.unpack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every document to its end, like a parser would, and records what it saw: the documents, the
 * failures thrown while reading them, and the problems.
 */
class RecordingVisitor implements UnpackVisitor {

  /**
   * A document as read: its path, its kind, its first bytes as text, its length, and the read
   * failure.
   */
  record Seen(String path, DocumentKind kind, String text, long bytes, IOException failure) {}

  private static final int KEPT_BYTES = 64 * 1024;

  final List<Seen> documents = new ArrayList<>();
  final List<UnpackProblem> problems = new ArrayList<>();

  static RecordingVisitor unpack(String name, byte[] input) throws IOException {
    return unpack(UnpackLimits.defaults(), name, input);
  }

  static RecordingVisitor unpack(UnpackLimits limits, String name, byte[] input)
      throws IOException {
    return unpack(limits, name, new ByteArrayInputStream(input));
  }

  static RecordingVisitor unpack(UnpackLimits limits, String name, InputStream input)
      throws IOException {
    RecordingVisitor visitor = new RecordingVisitor();
    new Unpacker(limits).unpack(name, input, visitor);
    return visitor;
  }

  @Override
  public void document(ReportDocument document) {
    InputStream content = document.content();
    byte[] buffer = new byte[8192];
    StringBuilder kept = new StringBuilder();
    long total = 0;
    try {
      for (int n = content.read(buffer); n != -1; n = content.read(buffer)) {
        if (total < KEPT_BYTES) {
          kept.append(new String(buffer, 0, n, UTF_8));
        }
        total += n;
      }
      documents.add(new Seen(document.path(), document.kind(), kept.toString(), total, null));
    } catch (IOException e) {
      documents.add(new Seen(document.path(), document.kind(), kept.toString(), total, e));
    }
  }

  @Override
  public void problem(UnpackProblem problem) {
    problems.add(problem);
  }

  List<String> documentPaths() {
    return documents.stream().map(Seen::path).toList();
  }

  Seen onlyDocument() {
    if (documents.size() != 1) {
      throw new AssertionError("expected one document, got " + documents + " and " + problems);
    }
    return documents.get(0);
  }

  UnpackProblem onlyProblem() {
    if (problems.size() != 1) {
      throw new AssertionError("expected one problem, got " + problems + " and " + documents);
    }
    return problems.get(0);
  }
}
