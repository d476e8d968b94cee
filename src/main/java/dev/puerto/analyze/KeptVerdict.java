package dev.puerto.analyze;

import dev.puerto.schema.Verdict;
import java.net.InetAddress;
import java.time.OffsetDateTime;

/**
 * A verdict judged by an earlier run that stays in {@code findings} because this run could not
 * judge the source (DNS failed): a timeout does not turn a known spoofer or a fixed sender back
 * into "unknown".
 *
 * @param checkedAt when the DNS behind the kept verdict was checked
 */
public record KeptVerdict(
    String policyDomain,
    InetAddress sourceIp,
    Verdict verdict,
    String action,
    String service,
    OffsetDateTime checkedAt) {}
