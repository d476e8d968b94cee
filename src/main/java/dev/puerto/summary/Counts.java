package dev.puerto.summary;

/**
 * Message counts of a domain, day or source. Pass counts are subsets of {@code messages}; the three
 * dispositions add up to it.
 *
 * @param none messages delivered without policy action (disposition none, pass or not reported)
 */
public record Counts(
    long messages,
    long dmarcPass,
    long spfAlignedPass,
    long dkimAlignedPass,
    long none,
    long quarantine,
    long reject) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

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
