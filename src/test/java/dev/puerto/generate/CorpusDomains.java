package dev.puerto.generate;

import java.util.ArrayList;
import java.util.List;

/** Policy domains of a generated corpus: the three example domains and many small tenants. */
final class CorpusDomains {
  private static final String[] POLICIES = {"none", "quarantine", "reject"};

  private CorpusDomains() {}

  /** The first domains get most of the mail (see {@link HeavyTail#popularIndex}). */
  static List<DomainPolicy> all() {
    List<DomainPolicy> domains = new ArrayList<>();
    domains.add(DomainPolicy.of("example.com", "none"));
    domains.add(
        new DomainPolicy("example.org", "reject", "reject", "reject", "s", "r", 100, false));
    domains.add(new DomainPolicy("example.net", "quarantine", "none", null, "r", "r", 50, false));
    for (int i = 1; i <= 20; i++) {
      String policy = POLICIES[i % POLICIES.length];
      domains.add(
          new DomainPolicy(
              String.format("tenant%02d.example", i),
              policy,
              null,
              null,
              "r",
              "r",
              100,
              i % 7 == 0));
    }
    return domains;
  }
}
