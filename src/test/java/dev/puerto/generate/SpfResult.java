package dev.puerto.generate;

/** The SPF check inside {@code auth_results}; a null field is left out of the XML. */
public record SpfResult(String domain, String scope, String result, String humanResult) {
  public SpfResult(String domain, String scope, String result) {
    this(domain, scope, result, null);
  }
}
