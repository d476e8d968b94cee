package dev.puerto.summary;

/**
 * Message counts of a domain, day or source. Pass counts are subsets of {@code messages}; the three
 * dispositions add up to it.
 *
 * @param delivered messages delivered without policy action: disposition none, RFC 9990's pass
 *     (passed DMARC under an enforcing policy), not reported, or any other word a reporter sent
 */
public record Counts(
    long messages,
    long dmarcPass,
    long spfAlignedPass,
    long dkimAlignedPass,
    long delivered,
    long quarantine,
    long reject) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

  /** The counts of the parts added up. */
  static Counts sum(Iterable<Counts> parts) {
    long[] v = new long[7];
    for (Counts c : parts) {
      v[0] += c.messages;
      v[1] += c.dmarcPass;
      v[2] += c.spfAlignedPass;
      v[3] += c.dkimAlignedPass;
      v[4] += c.delivered;
      v[5] += c.quarantine;
      v[6] += c.reject;
    }
    return new Counts(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  public long dmarcFail() {
    return messages - dmarcPass;
  }

  /** Share of messages passing DMARC, 0..1; 0 for no messages. */
  public double dmarcPassRate() {
    return rate(dmarcPass);
  }

  public double spfAlignedRate() {
    return rate(spfAlignedPass);
  }

  public double dkimAlignedRate() {
    return rate(dkimAlignedPass);
  }

  private double rate(long part) {
    return messages == 0 ? 0 : (double) part / messages;
  }
}
