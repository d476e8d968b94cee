package dev.puerto.sender;

import java.net.URI;

/**
 * A source named as a known service, and on what evidence.
 *
 * @param matched the value that matched, e.g. {@code d=sendgrid.net} or {@code
 *     include:_spf.google.com}
 */
public record Attribution(Sender sender, Basis evidence, String matched) {
  public String service() {
    return sender.name();
  }

  public Kind kind() {
    return sender.kind();
  }

  public URI docUrl() {
    return sender.docs();
  }

  public Basis.Confidence confidence() {
    return evidence.confidence();
  }

  /** E.g. {@code SendGrid (Twilio), by d=sendgrid.net}. */
  public String describe() {
    return sender.name() + ", by " + matched;
  }
}
