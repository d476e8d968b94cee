package dev.puerto.dns;

/** A permerror or temperror, with what caused it. */
final class SpfException extends Exception {
  private static final long serialVersionUID = 1L;

  final SpfResult result;

  SpfException(SpfResult result, String message) {
    super(message);
    this.result = result;
  }
}
