package dev.puerto.check;

import dev.puerto.schema.CheckLevel;

/**
 * One verdict of {@code puerto check}.
 *
 * @param area SPF, DKIM, DMARC, MX, MTA-STS, TLS-RPT, PTR or blocklist
 * @param level how bad it is ({@link CheckLevel})
 * @param code a stable name for the verdict, e.g. {@code spf_too_many_lookups}
 * @param fix what to change, or null when nothing needs to
 */
public record CheckItem(String area, CheckLevel level, String code, String message, String fix) {}
