package dev.puerto.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The shipped catalogue is well formed entry by entry, and a malformed one fails to load. */
class CatalogueTest {
  private static final Pattern LOWER_DOMAIN = Pattern.compile("[a-z0-9_.-]+\\.[a-z]{2,63}");
  private static final String GOOD =
      "{\"name\": \"Example ESP\", \"kind\": \"esp\", \"dkim\": [\"espmail.example\"],"
          + " \"docs\": \"https://docs.espmail.example/dkim\"}";
  private static final String BASE =
      GOOD.replace("Example ESP", "Base ESP").replace("espmail.example", "base.example");

  private final Catalogue shipped = Catalogue.load();

  @Test
  void the_shipped_catalogue_holds_a_few_hundred_senders_of_every_kind() {
    assertThat(shipped.senders()).hasSizeGreaterThan(200);
    assertThat(shipped.senders()).extracting(Sender::kind).contains(Kind.values());
    assertThat(shipped.about()).contains("verified");
  }

  @Test
  void every_entry_has_lower_case_domains_an_https_doc_link_and_some_evidence() {
    for (Sender s : shipped.senders()) {
      assertThat(s.name()).as("name").isNotBlank();
      assertThat(s.domains()).as(s.name()).allMatch(d -> LOWER_DOMAIN.matcher(d).matches());
      assertThat(s.docs().getScheme()).as(s.name()).isEqualTo("https");
      assertThat(s.domains().isEmpty() && s.selectors().isEmpty() && s.asns().isEmpty())
          .as(s.name() + " names no evidence")
          .isFalse();
    }
  }

  @Test
  void no_name_domain_selector_or_asn_belongs_to_two_entries() {
    Map<String, String> owner = new HashMap<>();
    for (Sender s : shipped.senders()) {
      List<String> keys = new java.util.ArrayList<>();
      keys.add("name " + s.name().toLowerCase(java.util.Locale.ROOT));
      s.domains().forEach(d -> keys.add("domain " + d));
      s.selectors().forEach(p -> keys.add("selector " + p.pattern()));
      s.asns().forEach(a -> keys.add("AS" + a));
      for (String key : keys) {
        assertThat(owner.putIfAbsent(key, s.name())).as(key).isNull();
      }
    }
  }

  @Test
  void no_selector_pattern_claims_a_generic_selector() {
    List<String> generic =
        List.of("default", "dkim", "mail", "selector", "key", "s", "x", "20210112", "google2");
    for (Sender s : shipped.senders()) {
      for (Pattern p : s.selectors()) {
        assertThat(generic).as(s.name() + " " + p).noneMatch(g -> p.matcher(g).matches());
      }
    }
  }

  @Test
  void a_well_formed_file_loads() {
    Catalogue catalogue = Catalogue.read(file(GOOD));
    assertThat(catalogue.senders())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.kind()).isEqualTo(Kind.ESP);
              assertThat(s.dkimSetting()).isNull();
            });
  }

  @Test
  void an_unknown_kind_is_an_error_naming_the_entry_and_the_kinds() {
    assertFault(GOOD.replace("\"esp\"", "\"newsletter\""))
        .hasMessageContaining("entry 2 (Example ESP)")
        .hasMessageContaining("kind \"newsletter\" is none of")
        .hasMessageContaining("marketing");
  }

  @Test
  void an_upper_case_or_malformed_domain_is_an_error() {
    assertFault(GOOD.replace("espmail.example", "EspMail.example"))
        .hasMessageContaining("dkim \"EspMail.example\" is not a lower-case domain name");
    assertFault(GOOD.replace("espmail.example\"]", "espmail\"]"))
        .hasMessageContaining("is not a lower-case domain name");
  }

  @Test
  void a_doc_link_that_is_not_https_is_an_error() {
    assertFault(GOOD.replace("https://docs", "http://docs"))
        .hasMessageContaining("docs \"http://docs.espmail.example/dkim\" is not an https link");
  }

  @Test
  void a_domain_of_two_entries_or_a_repeated_name_is_an_error_naming_both() {
    assertLoadFails(GOOD + "," + GOOD.replace("Example ESP", "Other ESP"))
        .hasMessageContaining(
            "entry 2 (Other ESP): domain espmail.example is already in entry 1 (Example ESP)");
    assertLoadFails(GOOD + "," + GOOD.replace("espmail.example\"]", "another.example\"]"))
        .hasMessageContaining("name example esp is already in entry 1 (Example ESP)");
  }

  @Test
  void an_unknown_field_a_bad_selector_pattern_or_no_evidence_is_an_error() {
    assertFault(GOOD.replace("\"dkim\"", "\"dkm\"")).hasMessageContaining("unknown field \"dkm\"");
    assertFault(GOOD.replace("\"dkim\": [\"espmail.example\"]", "\"selectors\": [\"s[12\"]"))
        .hasMessageContaining("selector \"s[12\" is not a valid pattern");
    assertFault(GOOD.replace("\"dkim\": [\"espmail.example\"]", "\"selectors\": [\"S1\"]"))
        .hasMessageContaining("selector \"S1\" is not a lower-case selector pattern");
    assertFault(GOOD.replace("\"dkim\": [\"espmail.example\"],", ""))
        .hasMessageContaining("names no evidence");
    assertFault(GOOD.replace("\"dkim\": [\"espmail.example\"]", "\"asn\": [\"AS1\"]"))
        .hasMessageContaining("asn \"AS1\" is not an AS number");
  }

  @Test
  void a_missing_about_or_required_field_is_an_error() {
    assertThatThrownBy(
            () -> Catalogue.read(new ObjectMapper().readTree("{\"senders\": [" + GOOD + "]}")))
        .hasMessageContaining("\"about\" must say how entries are chosen and verified");
    assertFault(GOOD.replace("\"docs\": \"https://docs.espmail.example/dkim\"", "\"docs\": null"))
        .hasMessageContaining("\"docs\" is required");
  }

  /** Loading a file of a good entry followed by this one. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertFault(String entry) {
    return assertLoadFails(BASE + "," + entry);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(String entries) {
    JsonNode root = file(entries);
    return assertThatThrownBy(() -> Catalogue.read(root)).isInstanceOf(IllegalStateException.class);
  }

  private static JsonNode file(String entries) {
    try {
      return new ObjectMapper()
          .readTree(
              "{\"about\": \"Test entries, verified by hand.\", \"senders\": [" + entries + "]}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
