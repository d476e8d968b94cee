package dev.puerto.sender;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One well-known sending service of the catalogue.
 *
 * @param dkim the d= domains it signs with by default (their subdomains included)
 * @param selectors the selectors its custom-domain signing setup publishes under the customer's
 *     domain, as whole-match patterns
 * @param spf the {@code include:} domains its customers publish
 * @param mailFrom envelope (return-path) domains it uses until a custom one is set up, besides its
 *     other domains (for a mailbox provider: its users' address domains)
 * @param ptr the base domains of its outbound servers' PTR names
 * @param asns the autonomous systems its outbound servers are in, used only when no other evidence
 *     names a service
 * @param docs the service's documentation of the settings below
 * @param dkimSetting how to have it sign with the customer's domain (DKIM alignment), naming the
 *     setting; null when it cannot
 * @param returnPathSetting how to have it use a return-path under the customer's domain (SPF
 *     alignment), naming the setting; null when it cannot
 */
public record Sender(
    String name,
    Kind kind,
    List<String> dkim,
    List<Pattern> selectors,
    List<String> spf,
    List<String> mailFrom,
    List<String> ptr,
    List<Long> asns,
    URI docs,
    String dkimSetting,
    String returnPathSetting) {
  public Sender {
    dkim = List.copyOf(dkim);
    selectors = List.copyOf(selectors);
    spf = List.copyOf(spf);
    mailFrom = List.copyOf(mailFrom);
    ptr = List.copyOf(ptr);
    asns = List.copyOf(asns);
  }

  /** Every domain of the service, each once: DKIM, SPF include, envelope and PTR domains. */
  public List<String> domains() {
    return java.util.stream.Stream.of(dkim, spf, mailFrom, ptr)
        .flatMap(List::stream)
        .distinct()
        .toList();
  }
}
