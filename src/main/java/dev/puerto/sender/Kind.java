package dev.puerto.sender;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a sending service is; written in {@code senders.json} in lower case. */
public enum Kind {
  /** A mailbox provider: its users send, and it forwards their mail on. */
  MAILBOX,
  /** Web or domain hosting whose shared mail servers send for hosted domains. */
  HOSTING,
  /** An email service provider sending API and SMTP mail (transactional, often bulk too). */
  ESP,
  /** Newsletters and marketing automation. */
  MARKETING,
  /** Customer relationship management and sales engagement. */
  CRM,
  /** Ticketing, helpdesk and customer messaging. */
  HELPDESK,
  /** Online shops, payments, invoicing and billing. */
  COMMERCE,
  /** HR, payroll and recruiting. */
  HR,
  /** Surveys, forms and event registration. */
  SURVEY,
  /** Other software that mails its users' contacts (project tools, e-signature, scheduling). */
  SAAS,
  /** Mailing lists and forwarding services. */
  FORWARDER,
  /** Security gateways and relays that send a customer's own mail on. */
  SECURITY;

  /** Whether the service forwards mail it did not write, so a broken signature is expected. */
  public boolean forwards() {
    return this == MAILBOX || this == FORWARDER;
  }

  /** The name in {@code senders.json}. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Kind> ofJson(String value) {
    return Arrays.stream(values()).filter(k -> k.json().equals(value)).findFirst();
  }
}
