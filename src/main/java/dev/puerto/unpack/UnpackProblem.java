package dev.puerto.unpack;

/**
 * A part of an input that holds no usable report.
 *
 * @param path the part, layers separated by {@code '!'}
 * @param message self-contained description, starting with the path
 */
public record UnpackProblem(String path, Kind kind, String message) {

  public enum Kind {
    /** Content that is none of the formats Puerto reads. */
    UNRECOGNISED,
    /** A container or stream that is damaged or truncated. */
    CORRUPT,
    /** A size, ratio, depth or entry limit was hit. */
    LIMIT_EXCEEDED,
    /** A container (e-mail, zip) with nothing that could be a report. */
    NO_REPORT
  }
}
