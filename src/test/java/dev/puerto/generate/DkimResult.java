package dev.puerto.generate;

/** One DKIM signature check inside {@code auth_results}; a null field is left out of the XML. */
public record DkimResult(String domain, String selector, String result, String humanResult) {
  public DkimResult(String domain, String selector, String result) {
    this(domain, selector, result, null);
  }
}
