package dev.puerto.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.dns.DnsStatus;
import dev.puerto.dns.SpfCheck;
import dev.puerto.dns.SpfResult;
import dev.puerto.i18n.Lang;
import dev.puerto.i18n.Messages;
import dev.puerto.sender.Attribution;
import dev.puerto.sender.Basis;
import dev.puerto.sender.Kind;
import dev.puerto.sender.Sender;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every action analyze writes, in each language: all keys present, the Spanish really Spanish. */
class ActionsLanguagesTest {
  private static final String DKIM_SETTING = "turn on Authenticate with your domain";
  private static final String RETURN_PATH_SETTING = "set a custom Return-Path domain";

  private static final SpfCheck PASS =
      new SpfCheck(
          SpfResult.PASS,
          "example.com",
          "v=spf1 ip4:192.0.2.1 -all",
          List.of("example.com: ip4:192.0.2.1"),
          1,
          0,
          null,
          null);
  private static final SpfCheck DOWN =
      new SpfCheck(
          SpfResult.TEMPERROR, "example.com", null, List.of(), 0, 0, null, "SERVFAIL from ns1");

  /** Every sentence, by the branch of {@link Actions} that writes it. */
  private static Map<String, Function<Actions, String>> everyAction() {
    Map<String, Function<Actions, String>> all = new LinkedHashMap<>();
    all.put("fixedSinceReport", a -> a.fixedSinceReport(PASS, "192.0.2.1"));
    all.put("ownDomainUnanswered", a -> a.ownDomainUnanswered(DOWN));
    all.put(
        "dkimKeyProblem",
        a ->
            a.dkimKeyProblem(
                List.of(
                    a.dkimKeyMissing("s1", "s1._domainkey.example.com", DnsStatus.NXDOMAIN),
                    a.dkimKeyRevoked("s2", "s2._domainkey.example.com"),
                    a.dkimKeyBroken("s3._domainkey.example.com", List.of("p= is not base64")))));
    all.put("forwardedReported", a -> a.forwarded(a.forwardingReported(Set.of("mailing_list"))));
    all.put("forwardedInTransit", a -> a.forwarded(a.brokenInTransit()));
    all.put("forwardedHost", a -> a.forwarded(a.forwardingHost("192.0.2.1", "Outlook.com")));
    all.put(
        "notAlignedUnknown", a -> a.notAligned("example.com", a.spfPasses(PASS), Optional.empty()));
    all.put(
        "notAlignedDefaultDkimReturnPathInclude",
        a ->
            a.notAligned(
                "example.com",
                a.dkimPasses("esp.example"),
                Optional.of(service(null, RETURN_PATH_SETTING, List.of("_spf.esp.example")))));
    all.put(
        "notAlignedReturnPath",
        a ->
            a.notAligned(
                "example.com",
                a.dkimPasses("esp.example"),
                Optional.of(service(DKIM_SETTING, RETURN_PATH_SETTING, List.of()))));
    all.put(
        "notAlignedCustomReturnPath",
        a ->
            a.notAligned(
                "example.com",
                a.dkimPasses("esp.example"),
                Optional.of(service(DKIM_SETTING, null, List.of("_spf.esp.example")))));
    all.put(
        "notAlignedNoSpf",
        a ->
            a.notAligned(
                "example.com",
                a.dkimPasses("esp.example"),
                Optional.of(service(DKIM_SETTING, null, List.of()))));
    all.put("unjudged", a -> a.unjudged(List.of("PTR of 192.0.2.1: SERVFAIL")));
    all.put("spoofingEnforced", a -> a.spoofingEnforced("192.0.2.1", "example.com", "reject"));
    all.put("spoofing", a -> a.spoofing("192.0.2.1", "example.com"));
    return all;
  }

  private static Attribution service(
      String dkimSetting, String returnPathSetting, List<String> spf) {
    Sender sender =
        new Sender(
            "Esp",
            Kind.ESP,
            List.of("esp.example"),
            List.of(),
            spf,
            List.of(),
            List.of(),
            List.of(),
            URI.create("https://esp.example/docs"),
            dkimSetting,
            returnPathSetting);
    return new Attribution(sender, Basis.values()[0], "d=esp.example");
  }

  @Test
  void everyActionIsWrittenInEachLanguageAndTheSpanishDiffers() {
    Actions english = new Actions(Messages.of(Lang.EN));
    Actions spanish = new Actions(Messages.of(Lang.ES));
    everyAction()
        .forEach(
            (name, action) -> {
              String en = action.apply(english);
              String es = action.apply(spanish);
              assertThat(es).as(name).isNotEqualTo(en).doesNotContain("{", "''");
              assertThat(en).as(name).doesNotContain("{", "''");
            });
  }

  @Test
  void theSpanishSentenceKeepsTheCataloguesSettingsAndTheServicesFacts() {
    String es =
        everyAction()
            .get("notAlignedDefaultDkimReturnPathInclude")
            .apply(new Actions(Messages.of(Lang.ES)));

    assertThat(es)
        .startsWith("El correo de Esp está autenticado, pero no como example.com")
        .contains("haga que Esp firme con su dominio")
        .contains("Set a custom Return-Path domain (su include SPF es include:_spf.esp.example).")
        .endsWith("Consulte https://esp.example/docs.");
  }

  @Test
  void theEnglishForwardingSentenceKeepsItsApostrophe() {
    assertThat(new Actions(Messages.of(Lang.EN)).forwardingHost("192.0.2.1", "Outlook.com"))
        .isEqualTo("192.0.2.1 is Outlook.com, which forwards its users' mail");
  }
}
