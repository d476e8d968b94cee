package dev.puerto.generate;

/**
 * The fictional senders behind the samples, so the weekly summary sees the same sources recur
 * across reporters and days.
 */
final class SampleSenders {
  static final DomainPolicy EXAMPLE_COM = DomainPolicy.of("example.com", "none");
  static final DomainPolicy EXAMPLE_ORG =
      new DomainPolicy("example.org", "reject", "reject", "reject", "s", "r", 100, false);
  static final DomainPolicy EXAMPLE_NET =
      new DomainPolicy("example.net", "quarantine", "none", null, "r", "r", 100, false);

  static final Sender COM_MTA = new Sender(SenderKind.OWN_MTA, "192.0.2.25", null);
  static final Sender COM_MTA_V6 = new Sender(SenderKind.OWN_MTA, "2001:db8:25::25", null);
  static final Sender COM_NEWSLETTER =
      new Sender(SenderKind.ALIGNED_ESP, "198.51.100.40", "sendgrid.net");
  static final Sender COM_CRM =
      new Sender(SenderKind.UNALIGNED_ESP, "198.51.100.90", "hubspotemail.net");
  static final Sender UNIVERSITY_FORWARDER = new Sender(SenderKind.FORWARDER, "203.0.113.5", null);
  static final Sender SPOOFER = new Sender(SenderKind.SPOOFER, "203.0.113.66", "promo4821.example");
  static final Sender SPOOFER_V6 =
      new Sender(SenderKind.SPOOFER, "2001:db8:bad::66", "cheap-meds.example");

  static final Sender ORG_MTA = new Sender(SenderKind.OWN_MTA, "192.0.2.50", null);
  static final Sender ORG_MTA_V6 = new Sender(SenderKind.OWN_MTA, "2001:db8:50::1", null);
  static final Sender ORG_BOUNCES =
      new Sender(SenderKind.NULL_SENDER, "192.0.2.50", "mx1.example.org");
  static final Sender MAILING_LIST =
      new Sender(SenderKind.MAILING_LIST, "198.51.100.77", "lists.example.net");

  static final Sender NET_MTA = new Sender(SenderKind.OWN_MTA, "192.0.2.80", null);
  static final Sender NET_BOUNCES =
      new Sender(SenderKind.NULL_SENDER, "192.0.2.80", "mail.example.net");
  static final Sender NET_NEWS_ESP =
      new Sender(SenderKind.ALIGNED_ESP, "198.51.100.120", "amazonses.com");

  private SampleSenders() {}
}
