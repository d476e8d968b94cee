package dev.puerto.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Generated records must be internally consistent, or summaries built on them would lie. */
class TrafficModelTest {
  private static final Set<String> OVERRIDES =
      Set.of("forwarded", "trusted_forwarder", "mailing_list", "local_policy", "policy_test_mode");

  @Test
  void evaluation_and_disposition_follow_from_auth_results_and_policy() {
    SplittableRandom random = new SplittableRandom(9);
    Set<SenderKind> seen = EnumSet.noneOf(SenderKind.class);
    for (DomainPolicy policy : CorpusDomains.all().subList(0, 3)) {
      SenderPool pool = SenderPool.forDomain(policy.domain(), 9);
      for (XmlDialect dialect : XmlDialect.values()) {
        for (int i = 0; i < 2_000; i++) {
          Sender sender = pool.pick(random);
          seen.add(sender.kind());
          String headerFrom = i % 5 == 0 ? "news." + policy.domain() : policy.domain();
          FeedbackRecord record =
              TrafficModel.record(sender, headerFrom, policy, 1, dialect, random);
          assertConsistent(record, policy, dialect);
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(SenderKind.values());
  }

  private static void assertConsistent(
      FeedbackRecord record, DomainPolicy policy, XmlDialect dialect) {
    boolean dkimAligned =
        record.dkim().stream()
            .anyMatch(d -> d.result().equals("pass") && d.domain().equals(policy.domain()));
    boolean spfAligned =
        record.spf().stream()
            .anyMatch(s -> s.result().equals("pass") && s.domain().equals(record.headerFrom()));
    assertThat(record.dkimEvaluated()).isEqualTo(dkimAligned ? "pass" : "fail");
    assertThat(record.spfEvaluated()).isEqualTo(spfAligned ? "pass" : "fail");

    String requested = policy.requestedFor(record.headerFrom());
    if (dkimAligned || spfAligned) {
      assertThat(record.disposition()).isIn("none", "pass");
      assertThat(record.reasons()).isEmpty();
    } else if (record.reasons().isEmpty()) {
      assertThat(record.disposition()).isEqualTo(requested);
    } else if (record.reasons().get(0).type().equals("sampled_out")) {
      assertThat(record.disposition()).isNotEqualTo(requested);
    } else {
      assertThat(record.reasons().get(0).type()).isIn(OVERRIDES);
      assertThat(record.disposition()).isEqualTo("none");
    }
    if (dialect.isDmarcBis()) {
      assertThat(record.spf()).hasSizeLessThanOrEqualTo(1);
      assertThat(record.spf()).allSatisfy(s -> assertThat(s.scope()).isIn(null, "mfrom"));
      assertThat(record.reasons()).noneMatch(r -> r.type().equals("forwarded"));
    }
  }
}
