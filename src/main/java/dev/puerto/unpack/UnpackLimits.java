package dev.puerto.unpack;

/**
 * Bounds on the work one input may cause.
 *
 * @param maxDocumentBytes most bytes one decompressing layer may produce
 * @param maxInputBytes most raw bytes read from one input (and most bytes of one e-mail, which is
 *     copied to be parsed: in memory up to 4 MiB, in a temporary file beyond)
 * @param maxRatio most decompressed bytes per compressed byte, checked per layer
 * @param ratioGraceBytes output a layer may produce before the ratio is checked, so small highly
 *     compressible documents pass
 * @param maxDepth most container layers (gzip, zip, e-mail, mbox) nested in one another
 * @param maxEntries most entries read from one zip archive
 */
public record UnpackLimits(
    long maxDocumentBytes,
    long maxInputBytes,
    int maxRatio,
    long ratioGraceBytes,
    int maxDepth,
    int maxEntries) {

  public UnpackLimits {
    if (maxDocumentBytes <= 0
        || maxInputBytes <= 0
        || maxRatio <= 0
        || ratioGraceBytes < 0
        || maxDepth <= 0
        || maxEntries <= 0) {
      throw new IllegalArgumentException(
          String.format(
              "unpack limits must be positive: document %d, input %d, ratio %d, grace %d,"
                  + " depth %d, entries %d",
              maxDocumentBytes, maxInputBytes, maxRatio, ratioGraceBytes, maxDepth, maxEntries));
    }
  }

  public static UnpackLimits defaults() {
    return new UnpackLimits(2L << 30, 512L << 20, 250, 16L << 20, 6, 10_000);
  }
}
