package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.testing.PublicSuites;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgDomainsTest {
  /**
   * The Public Suffix List's own test file ({@code public-suites/psl-tests.txt}): every active
   * case, by the list Guava bundles. Punycode/IDN cases compare in the form given.
   */
  @Test
  void the_public_suffix_list_test_file_passes() throws Exception {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (String line : PublicSuites.lines("psl-tests.txt")) {
      if (line.isBlank() || line.startsWith("//")) {
        continue;
      }
      String[] parts = line.strip().split("\\s+");
      String input = parts[0].equals("null") ? null : parts[0];
      String expected = parts[1].equals("null") ? null : parts[1];
      cases++;
      String actual = OrgDomains.of(input).orElse(null);
      if (!java.util.Objects.equals(expected, actual)) {
        failures.add(line + " -> " + actual);
      }
    }
    assertThat(failures).as("of %d cases", cases).isEmpty();
    assertThat(cases).isGreaterThanOrEqualTo(70);
  }

  @Test
  void relaxed_alignment_compares_organizational_domains_strict_the_names() {
    assertThat(OrgDomains.aligned("mail.example.co.uk", "example.co.uk", false)).isTrue();
    assertThat(OrgDomains.aligned("mail.example.co.uk", "example.co.uk", true)).isFalse();
    assertThat(OrgDomains.aligned("example.co.uk", "other.co.uk", false)).isFalse();
  }
}
