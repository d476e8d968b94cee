package dev.puerto.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.ingest.DocumentResult;
import dev.puerto.ingest.DocumentResult.Outcome;
import dev.puerto.ingest.InputResult;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.ImapFolders.Destination;
import dev.puerto.unpack.DocumentKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message is filed by what was stored from it, in the order the rule gives. */
class FilingRuleTest {

  @Test
  void a_message_with_an_aggregate_report_stored_is_processed_whatever_else_it_holds() {
    assertThat(
            destination(
                stored(DocumentKind.FAILURE_REPORT),
                duplicate(DocumentKind.AGGREGATE_REPORT),
                rejected(DocumentKind.TLS_REPORT)))
        .isEqualTo(Destination.PROCESSED);
  }

  @Test
  void a_message_with_a_failure_report_stored_goes_to_the_failure_folder() {
    assertThat(destination(stored(DocumentKind.FAILURE_REPORT), stored(DocumentKind.TLS_REPORT)))
        .isEqualTo(Destination.FAILURE_REPORT);
  }

  @Test
  void a_message_with_only_a_tls_report_stored_goes_to_the_tls_folder() {
    assertThat(
            destination(rejected(DocumentKind.FAILURE_REPORT), duplicate(DocumentKind.TLS_REPORT)))
        .isEqualTo(Destination.TLS_REPORT);
  }

  @Test
  void a_message_with_nothing_stored_is_invalid_even_when_it_held_a_report_of_some_kind() {
    assertThat(destination(rejected(DocumentKind.TLS_REPORT), rejected(null)))
        .isEqualTo(Destination.INVALID);
    assertThat(destination()).isEqualTo(Destination.INVALID);
  }

  @Test
  void a_message_seen_before_is_processed() {
    assertThat(
            MessageImport.destinationOf(
                new InputResult("INBOX UID 7", 7, true, List.of(), InputStatus.REJECTED)))
        .isEqualTo(Destination.PROCESSED);
  }

  private static Destination destination(DocumentResult... documents) {
    return MessageImport.destinationOf(
        new InputResult("INBOX UID 1", 1, false, List.of(documents), InputStatus.IMPORTED));
  }

  private static DocumentResult stored(DocumentKind kind) {
    return new DocumentResult("part", Outcome.IMPORTED, kind, 0, 0, null);
  }

  private static DocumentResult duplicate(DocumentKind kind) {
    return new DocumentResult("part", Outcome.DUPLICATE, kind, 0, 0, null);
  }

  private static DocumentResult rejected(DocumentKind kind) {
    return new DocumentResult("part", Outcome.REJECTED, kind, 0, 0, "part: broken");
  }
}
