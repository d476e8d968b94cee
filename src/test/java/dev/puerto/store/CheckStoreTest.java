package dev.puerto.store;

import static dev.puerto.schema.Tables.DOMAIN_CHECKS;
import static dev.puerto.schema.Tables.DOMAIN_CHECK_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.puerto.check.CheckItem;
import dev.puerto.check.CheckReport;
import dev.puerto.schema.CheckLevel;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code puerto check}'s results kept: a check and its items in the order it printed them. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckStoreTest {
  private final TestDatabase testDatabase;
  private Database database;
  private DSLContext dsl;

  CheckStoreTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void open() throws Exception {
    database = testDatabase.open();
    dsl = database.dsl();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    dsl.truncate(DOMAIN_CHECKS).cascade().execute();
  }

  @Test
  void a_check_is_kept_with_its_items_in_order_and_their_levels() {
    Instant at = Instant.parse("2026-03-16T08:30:00Z");
    new CheckStore(database)
        .save(
            new CheckReport(
                "example.com",
                at,
                List.of(
                    new CheckItem(
                        "SPF", CheckLevel.FAIL, "spf_missing", "no SPF record", "publish"),
                    new CheckItem("DMARC", CheckLevel.OK, "dmarc_present", "p=none", null),
                    new CheckItem("MX", CheckLevel.ERROR, "mx_timeout", "no answer", "retry"))));

    var check = dsl.selectFrom(DOMAIN_CHECKS).fetchSingle();
    assertThat(check.getDomain()).isEqualTo("example.com");
    assertThat(check.getCheckedAt()).isEqualTo(at.atOffset(ZoneOffset.UTC));
    assertThat(check.getOk()).isFalse();
    assertThat(
            dsl.selectFrom(DOMAIN_CHECK_ITEMS)
                .where(DOMAIN_CHECK_ITEMS.CHECK_ID.eq(check.getId()))
                .orderBy(DOMAIN_CHECK_ITEMS.ITEM_NO)
                .fetch())
        .extracting(r -> r.getItemNo(), r -> r.getLevel(), r -> r.getCode(), r -> r.getFix())
        .containsExactly(
            tuple(1, CheckLevel.FAIL, "spf_missing", "publish"),
            tuple(2, CheckLevel.OK, "dmarc_present", null),
            tuple(3, CheckLevel.ERROR, "mx_timeout", "retry"));
  }

  @Test
  void levels_are_stored_as_their_lower_case_names_for_sql() {
    new CheckStore(database)
        .save(
            new CheckReport(
                "example.org",
                Instant.parse("2026-03-16T08:30:00Z"),
                List.of(new CheckItem("SPF", CheckLevel.WARN, "spf_soft", "~all", "use -all"))));
    assertThat(dsl.fetchValue("SELECT level FROM domain_check_items")).isEqualTo("warn");
    assertThat(dsl.fetchValue("SELECT ok FROM domain_checks")).isEqualTo(true);
  }

  @Test
  void the_details_of_an_item_are_kept_below_its_message_one_per_line() {
    new CheckStore(database)
        .save(
            new CheckReport(
                "example.net",
                Instant.parse("2026-03-16T08:30:00Z"),
                List.of(
                    new CheckItem(
                        "SPF",
                        CheckLevel.OK,
                        "spf_ok",
                        "\"v=spf1 include:esp.test -all\" (2 of 10 DNS lookups)",
                        null,
                        List.of("include:esp.test: 2 lookups", "  a:out.esp.test: 1 lookup")))));
    assertThat(dsl.fetchValue("SELECT message FROM domain_check_items"))
        .isEqualTo(
            "\"v=spf1 include:esp.test -all\" (2 of 10 DNS lookups)\n"
                + "include:esp.test: 2 lookups\n"
                + "  a:out.esp.test: 1 lookup");
  }
}
