package dev.puerto.unpack;

import dev.puerto.tools.Causes;
import dev.puerto.unpack.UnpackProblem.Kind;
import jakarta.mail.MessagingException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The walk through one input: detects each part's kind, hands it to the layer that opens it, and
 * turns whatever goes wrong inside a part into a problem so the walk goes on with the next part.
 */
final class Walk {

  private final UnpackLimits limits;
  private final UnpackVisitor visitor;
  private final CountingStream source;
  private final Set<IOException> settled = Collections.newSetFromMap(new IdentityHashMap<>());
  private final GzipLayer gzip = new GzipLayer(this);
  private final ZipLayer zip = new ZipLayer(this);
  private final MailLayer mail = new MailLayer(this);
  private final MboxLayer mbox = new MboxLayer(this);
  private int documents;
  private int problems;

  /**
   * @param source the raw input; any failure it remembers is a failure to read the input itself
   */
  Walk(UnpackLimits limits, UnpackVisitor visitor, CountingStream source) {
    this.limits = limits;
    this.visitor = visitor;
    this.source = source;
  }

  UnpackLimits limits() {
    return limits;
  }

  int documentCount() {
    return documents;
  }

  int problemCount() {
    return problems;
  }

  /** Detects the kind of one part and opens it; problems inside it are reported. */
  void part(PartName part, InputStream in, int depth, PartRole role) {
    attempt(
        part.path(),
        () -> {
          BufferedInputStream buffered =
              in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
          Sniffed sniffed = Sniffed.of(buffered);
          if (role == PartRole.PAYLOAD || sniffed.looksLikeReport()) {
            open(part, buffered, sniffed, depth);
          }
        });
  }

  /** Runs one step of the walk; a failure in it becomes a problem, unless it must end the walk. */
  void attempt(String path, Step step) {
    try {
      step.run();
    } catch (WalkAborted e) {
      throw e;
    } catch (IOException | MessagingException | RuntimeException e) {
      fail(path, e);
    }
  }

  void problem(Kind kind, String path, String detail) {
    report(new UnpackProblem(path, kind, path + ": " + detail));
  }

  private void report(UnpackProblem problem) {
    problems++;
    try {
      visitor.problem(problem);
    } catch (RuntimeException e) {
      throw new WalkAborted(e);
    }
  }

  /** The raw input failed while nobody was looking (e.g. the visitor swallowed the exception). */
  void throwIfSourceFailed() throws IOException {
    if (source.failure() != null) {
      throw source.failure();
    }
  }

  private void open(PartName part, BufferedInputStream in, Sniffed sniffed, int depth)
      throws IOException, MessagingException {
    String path = part.path();
    switch (sniffed.kind()) {
      case XML -> document(path, DocumentKind.AGGREGATE_REPORT, in);
      case GZIP -> gzip.unpack(part, in, checkDepth(path, depth));
      case ZIP -> zip.unpack(part, in, checkDepth(path, depth));
      case EMAIL -> mail.unpack(part, in, checkDepth(path, depth));
      case MBOX -> mbox.unpack(part, in, checkDepth(path, depth));
      case JSON -> document(path, DocumentKind.TLS_REPORT, in);
      case EMPTY_ZIP -> problem(Kind.NO_REPORT, path, "empty zip archive");
      case EMPTY -> problem(Kind.UNRECOGNISED, path, "empty input");
      case UNKNOWN ->
          problem(
              Kind.UNRECOGNISED,
              path,
              "not XML, gzip, zip or e-mail (starts with " + sniffed.hexPrefix() + ")");
    }
  }

  private int checkDepth(String path, int depth) throws UnpackLimitException {
    if (depth >= limits.maxDepth()) {
      throw new UnpackLimitException(
          path, "containers nested deeper than " + limits.maxDepth() + " layers");
    }
    return depth;
  }

  /** Hands one document to the visitor; a failure reading it the visitor already reported. */
  void document(String path, DocumentKind kind, InputStream content) {
    DocumentStream stream = new DocumentStream(content, path, settled::add);
    try {
      visitor.document(new ReportDocument(path, kind, stream));
    } catch (IOException | RuntimeException e) {
      throw new WalkAborted(e);
    } finally {
      stream.detach();
    }
    documents++;
  }

  private void fail(String path, Exception failure) {
    if (source.failure() != null) {
      throw new WalkAborted(source.failure());
    }
    IOException named = namedCause(failure);
    if (named == null) {
      problem(Kind.CORRUPT, path, describe(failure));
    } else if (settled.add(named)) {
      Kind kind = named instanceof UnpackLimitException ? Kind.LIMIT_EXCEEDED : Kind.CORRUPT;
      report(new UnpackProblem(((PartFailure) named).path(), kind, named.getMessage()));
    }
    // Otherwise the visitor already saw this failure, or it was reported: the part just ends.
  }

  /** Our own failure, which already names its part, possibly wrapped by the mail library. */
  private static IOException namedCause(Throwable failure) {
    return Causes.chain(failure).stream()
        .filter(t -> t instanceof PartFailure)
        .map(t -> (IOException) t)
        .findFirst()
        .orElse(null);
  }

  private static String describe(Exception failure) {
    if (failure instanceof MessagingException) {
      return "malformed e-mail (" + failure.getMessage() + ")";
    }
    return "unreadable (" + failure + ")";
  }

  /** One step of the walk. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException, MessagingException;
  }
}
