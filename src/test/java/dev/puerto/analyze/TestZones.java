package dev.puerto.analyze;

import dev.puerto.testing.DnsTestServer;
import java.io.IOException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/**
 * The example.com world the analyzer and check tests run in: a domain with SPF, DKIM and DMARC, an
 * ESP (SendGrid's names), a domain whose DNS times out and one that answers SERVFAIL.
 */
public final class TestZones {
  public static final String MASTER =
      """
      $ORIGIN example.com.
      @                IN TXT "v=spf1 ip4:192.0.2.0/28 mx -all"
      @                IN MX  10 mail
      mail             IN A   192.0.2.25
      _dmarc           IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.com"
      old._domainkey   IN TXT "v=DKIM1; p="
      bad._domainkey   IN TXT "v=DKIM1; k=rsa; p=bm90IGEga2V5"
      $ORIGIN sendgrid.net.
      @                IN TXT "v=spf1 ip4:167.89.0.0/17 -all"
      o1.ptr1          IN A   167.89.1.1
      $ORIGIN 1.1.89.167.in-addr.arpa.
      @                IN PTR o1.ptr1.sendgrid.net.
      $ORIGIN strict.example.
      @                IN TXT "v=spf1 +all"
      _dmarc           IN TXT "v=DMARC1; p=reject; rua=mailto:d@strict.example"
      $ORIGIN zen.spamhaus.org.
      1.2.0.192        IN A   127.0.0.2
      $ORIGIN origin.asn.cymru.com.
      1.1.89.167       IN TXT "11377 | 167.89.0.0/17 | US | arin | 2012-03-26"
      $ORIGIN asn.cymru.com.
      AS11377          IN TXT "11377 | US | arin | 2003-02-10 | SENDGRID - SendGrid, Inc., US"
      """;

  private TestZones() {}

  public static DnsTestServer start() throws IOException, NoSuchAlgorithmException {
    DnsTestServer server = DnsTestServer.start(MASTER);
    server.add(key("s2048._domainkey.example.com.", rsaKey(2048)));
    server.timeOut("flaky.example");
    server.timeOut("_dmarc.flaky.example");
    server.serverFailure("sick.example");
    server.serverFailure("_dmarc.sick.example");
    server.timeOut("77.113.0.203.in-addr.arpa");
    return server;
  }

  public static String rsaKey(int bits) throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
  }

  /** A DKIM key record, split into character-strings of at most 255 bytes. */
  public static TXTRecord key(String name, String base64) throws IOException {
    String text = "v=DKIM1; k=rsa; p=" + base64;
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 250) {
      strings.add(text.substring(i, Math.min(text.length(), i + 250)));
    }
    return new TXTRecord(Name.fromString(name), DClass.IN, 3600, strings);
  }
}
