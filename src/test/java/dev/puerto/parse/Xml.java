package dev.puerto.parse;

/** Small report documents for specification tests; each part can be replaced. */
final class Xml {
  static final String METADATA =
      """
      <report_metadata>
        <org_name>Example Receiver</org_name>
        <email>dmarc@receiver.example</email>
        <report_id>r-1</report_id>
        <date_range><begin>1700000000</begin><end>1700086399</end></date_range>
      </report_metadata>
      """;

  static final String POLICY =
      """
      <policy_published><domain>example.com</domain><p>none</p></policy_published>
      """;

  static final String RECORD = record("<source_ip>192.0.2.1</source_ip><count>1</count>");

  private Xml() {}

  static String feedback(String... children) {
    return "<feedback>" + String.join("\n", children) + "</feedback>";
  }

  /** A report with the default header around {@code records}. */
  static String withRecords(String... records) {
    return feedback(METADATA, POLICY, String.join("\n", records));
  }

  static String metadata(String dateRange) {
    return "<report_metadata><org_name>Example Receiver</org_name><report_id>r-1</report_id>"
        + dateRange
        + "</report_metadata>";
  }

  static String record(String row) {
    return "<record><row>"
        + row
        + "</row><identifiers><header_from>example.com</header_from></identifiers></record>";
  }

  static String recordWithSource(String sourceIp) {
    return record("<source_ip>" + sourceIp + "</source_ip><count>1</count>");
  }

  static String recordWithCount(String count) {
    return record("<source_ip>192.0.2.1</source_ip><count>" + count + "</count>");
  }
}
