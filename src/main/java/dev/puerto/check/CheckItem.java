package dev.puerto.check;

import dev.puerto.schema.CheckLevel;
import java.util.List;

/**
 * One verdict of {@code puerto check}.
 *
 * @param area SPF, DKIM, DMARC, MX, MTA-STS, TLS-RPT, BIMI, DNSSEC, PTR or blocklist
 * @param level how bad it is ({@link CheckLevel})
 * @param code a stable name for the verdict, e.g. {@code spf_too_many_lookups}
 * @param fix what to change, or null when nothing needs to
 * @param details lines that show how the verdict was reached (the SPF lookup chain, the DNS queries
 *     of the DMARC tree walk), indented by two spaces per level; often empty
 */
public record CheckItem(
    String area, CheckLevel level, String code, String message, String fix, List<String> details) {
  public CheckItem {
    details = List.copyOf(details);
  }

  public CheckItem(String area, CheckLevel level, String code, String message, String fix) {
    this(area, level, code, message, fix, List.of());
  }

  /** The message with the details below it, one per line, as the store keeps it. */
  public String messageWithDetails() {
    return details.isEmpty() ? message : message + "\n" + String.join("\n", details);
  }
}
