package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RecordParsingTest {
  @Test
  void a_dmarc_record_with_dmarcbis_tags_is_read() {
    DmarcRecord record =
        DmarcRecord.parse(
            "v=DMARC1; p=reject; sp=quarantine; np=reject; psd=n; t=y; adkim=s; aspf=r;"
                + " rua=mailto:a@example.com,mailto:b@example.net; pct=50");
    assertThat(record.p()).isEqualTo("reject");
    assertThat(record.sp()).isEqualTo("quarantine");
    assertThat(record.np()).isEqualTo("reject");
    assertThat(record.psd()).isEqualTo("n");
    assertThat(record.testing()).isTrue();
    assertThat(record.strictDkim()).isTrue();
    assertThat(record.strictSpf()).isFalse();
    assertThat(record.rua()).containsExactly("mailto:a@example.com", "mailto:b@example.net");
    assertThat(record.pct()).isEqualTo(50);
    assertThat(record.problems()).isEmpty();
  }

  @Test
  void dmarc_problems_are_named() {
    DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=block; pct=150; rua=https://x; foo=1");
    assertThat(record.p()).isNull();
    assertThat(record.problems())
        .anyMatch(p -> p.contains("p=block"))
        .anyMatch(p -> p.contains("pct=150"))
        .anyMatch(p -> p.contains("not a mailto"))
        .anyMatch(p -> p.contains("unknown tag foo"));
    assertThat(DmarcRecord.parse("p=none; v=DMARC1").problems())
        .anyMatch(p -> p.contains("must begin with v=DMARC1"));
  }

  @Test
  void rsa_keys_are_judged_by_size() throws Exception {
    assertThat(DkimKey.parse("v=DKIM1; k=rsa; p=" + rsa(2048)).status())
        .isEqualTo(DkimKey.Status.OK);
    DkimKey weak = DkimKey.parse("v=DKIM1; p=" + rsa(1024));
    assertThat(weak.status()).isEqualTo(DkimKey.Status.WEAK);
    assertThat(weak.bits()).isEqualTo(1024);
    assertThat(DkimKey.parse("v=DKIM1; p=" + rsa(512)).status()).isEqualTo(DkimKey.Status.BROKEN);
  }

  @Test
  void ed25519_revoked_testing_and_garbage_keys() {
    String ed = Base64.getEncoder().encodeToString(new byte[32]);
    DkimKey key = DkimKey.parse("v=DKIM1; k=ed25519; t=y:s; p=" + ed);
    assertThat(key.status()).isEqualTo(DkimKey.Status.OK);
    assertThat(key.bits()).isEqualTo(256);
    assertThat(key.testing()).isTrue();
    assertThat(DkimKey.parse("v=DKIM1; p=").status()).isEqualTo(DkimKey.Status.REVOKED);
    assertThat(DkimKey.parse("v=DKIM1; p=!!notbase64").status()).isEqualTo(DkimKey.Status.BROKEN);
    assertThat(DkimKey.parse("v=DKIM1; k=dsa; p=" + ed).problems())
        .anyMatch(p -> p.contains("unknown key type"));
    assertThat(DkimKey.parse("v=DKIM1; k=rsa").problems()).anyMatch(p -> p.contains("missing"));
  }

  private static String rsa(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
  }
}
