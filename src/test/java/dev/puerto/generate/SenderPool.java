package dev.puerto.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hosts that send as one policy domain. The same few own servers and ESPs recur in every report
 * for the domain; spoofers are fresh addresses each time.
 */
final class SenderPool {
  private static final String[] ESPS = {
    "amazonses.com", "sendgrid.net", "mcsv.net", "mailgun.org", "sparkpostmail.com"
  };
  private static final String[] SAAS = {"hubspotemail.net", "zendesk.com", "salesforce.com"};
  private static final String[] LISTS = {"googlegroups.com", "groups.io", "lists.example.net"};
  private static final int TOTAL_WEIGHT = totalWeight();

  private final Map<SenderKind, List<Sender>> known;

  private SenderPool(Map<SenderKind, List<Sender>> known) {
    this.known = known;
  }

  static SenderPool forDomain(String domain, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ domain.hashCode());
    Map<SenderKind, List<Sender>> known = new EnumMap<>(SenderKind.class);
    List<Sender> own = new ArrayList<>();
    List<Sender> bounces = new ArrayList<>();
    for (String ip :
        List.of(
            IpAddresses.documentationV4(random),
            IpAddresses.publicV4(random),
            IpAddresses.v6(random))) {
      own.add(new Sender(SenderKind.OWN_MTA, ip, null));
      bounces.add(
          new Sender(SenderKind.NULL_SENDER, ip, "mx" + (bounces.size() + 1) + "." + domain));
    }
    known.put(SenderKind.OWN_MTA, own);
    known.put(SenderKind.NULL_SENDER, bounces);
    known.put(SenderKind.ALIGNED_ESP, services(SenderKind.ALIGNED_ESP, ESPS, 3, random));
    known.put(SenderKind.UNALIGNED_ESP, services(SenderKind.UNALIGNED_ESP, SAAS, 1, random));
    known.put(SenderKind.MAILING_LIST, services(SenderKind.MAILING_LIST, LISTS, 3, random));
    List<Sender> forwarders = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      forwarders.add(new Sender(SenderKind.FORWARDER, IpAddresses.any(random), null));
    }
    known.put(SenderKind.FORWARDER, forwarders);
    return new SenderPool(known);
  }

  Sender pick(SplittableRandom random) {
    SenderKind kind = kind(random);
    List<Sender> senders = known.get(kind);
    if (senders == null) {
      String spamDomain = "promo" + random.nextInt(100_000) + ".example";
      return new Sender(kind, IpAddresses.any(random), spamDomain);
    }
    return senders.get(HeavyTail.popularIndex(random, senders.size()));
  }

  private static SenderKind kind(SplittableRandom random) {
    int roll = random.nextInt(TOTAL_WEIGHT);
    for (SenderKind kind : SenderKind.values()) {
      roll -= kind.weight();
      if (roll < 0) {
        return kind;
      }
    }
    throw new IllegalStateException("weights do not add up");
  }

  private static List<Sender> services(
      SenderKind kind, String[] domains, int count, SplittableRandom random) {
    List<Sender> senders = new ArrayList<>();
    int first = random.nextInt(domains.length);
    for (int i = 0; i < count; i++) {
      String domain = domains[(first + i) % domains.length];
      senders.add(new Sender(kind, IpAddresses.publicV4(random), domain));
    }
    return senders;
  }

  private static int totalWeight() {
    int total = 0;
    for (SenderKind kind : SenderKind.values()) {
      total += kind.weight();
    }
    return total;
  }
}
