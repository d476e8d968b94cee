package dev.puerto.generate;

import java.util.SplittableRandom;

/**
 * Who is behind a source IP, which decides how SPF and DKIM come out; weights and message volume
 * parameters shape a realistic report.
 */
enum SenderKind {
  OWN_MTA(18, 4, 1.2),
  /** An ESP that signs with the customer's domain but bounces to its own: DKIM-only alignment. */
  ALIGNED_ESP(14, 2, 1.1),
  /** A SaaS sender nobody configured: passes SPF and DKIM for itself, fails DMARC. */
  UNALIGNED_ESP(5, 1, 1.3),
  /** Forwarding breaks SPF; DKIM survives unless the message was modified. */
  FORWARDER(18, 1, 2.0),
  /** A list rewrites the body (DKIM fails) and sends from its own envelope. */
  MAILING_LIST(5, 1, 1.6),
  /** Bounces and DSNs: empty reverse-path, SPF on the HELO name only. */
  NULL_SENDER(5, 1, 1.8),
  SPOOFER(35, 1, 2.5);

  private final int weight;
  private final double messageScale;
  private final double messageAlpha;

  SenderKind(int weight, double messageScale, double messageAlpha) {
    this.weight = weight;
    this.messageScale = messageScale;
    this.messageAlpha = messageAlpha;
  }

  int weight() {
    return weight;
  }

  long messages(SplittableRandom random) {
    return HeavyTail.draw(random, messageScale, messageAlpha, 1_000_000);
  }
}
