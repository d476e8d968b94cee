package dev.puerto.run;

import static dev.puerto.schema.Tables.IMAP_ORIGINS;
import static dev.puerto.schema.Tables.INPUTS;
import static dev.puerto.schema.Tables.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.cli.CommandLineRun;
import dev.puerto.generate.ReportMails;
import dev.puerto.generate.ReportMails.Mail;
import dev.puerto.ingest.Ingester;
import dev.puerto.ingest.ReportParsers;
import dev.puerto.ingest.ReportStores;
import dev.puerto.schema.InputStatus;
import dev.puerto.source.ImapFolders.AfterImport;
import dev.puerto.source.ImapSettings;
import dev.puerto.source.ImapSource;
import dev.puerto.source.ImapSourceHooks;
import dev.puerto.source.InboundMessage;
import dev.puerto.store.Database;
import dev.puerto.store.DatabaseFailedException;
import dev.puerto.testing.DovecotServer;
import dev.puerto.testing.LogCapture;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import dev.puerto.unpack.UnpackLimits;
import dev.puerto.unpack.Unpacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailbox side against a real Dovecot (see {@link DovecotServer}): a message another client
 * moves away at the worst moment, a message the pipeline fails on, one over the size limit, the
 * database going away, and STARTTLS. Dovecot answers these differently from GreenMail.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DovecotMailboxTest {
  private static final long LIMIT = 512L << 20;

  private final TestDatabase testDatabase;
  @TempDir Path work;
  private DovecotServer dovecot;
  private Database database;
  private DSLContext dsl;
  private final List<Mail> samples = ReportMails.samples();

  DovecotMailboxTest(TestDatabase testDatabase) {
    this.testDatabase = testDatabase;
  }

  @BeforeAll
  void start() throws Exception {
    dovecot = DovecotServer.startOrSkip();
    database = testDatabase.open();
    dsl = database.dsl();
  }

  @AfterAll
  void stop() {
    if (database != null) {
      database.close();
    }
    if (dovecot != null) {
      dovecot.close();
    }
  }

  @BeforeEach
  void empty() {
    dovecot.clear();
    dsl.truncate(INPUTS).cascade().execute();
  }

  @Test
  void
      a_message_another_client_moves_away_between_listing_and_fetching_is_skipped_and_fetch_exits_0()
          throws Exception {
    long first = dovecot.append(samples.get(0).raw());
    long moved = dovecot.append(samples.get(1).raw());
    long last = dovecot.append(samples.get(2).raw());

    CommandLineRun run;
    try (LogCapture log = LogCapture.start();
        AutoCloseable hook =
            ImapSourceHooks.beforeBodyFetch(
                uid -> {
                  if (uid == moved) {
                    dovecot.move(uid, "INBOX", "Elsewhere");
                  }
                })) {
      run = CommandLineRun.run(env(), "fetch");

      assertThat(run.exitCode()).as(run.err() + log.text()).isZero();
      assertThat(log.lines())
          .contains(
              "INFO  INBOX UID "
                  + moved
                  + " vanished before it was read (another client moved it?)");
      assertThat(log.text()).doesNotContain("UID " + moved + " <");
    }
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(dovecot.count("Elsewhere")).isEqualTo(1);
    assertThat(dovecot.count("INBOX")).isZero();
    assertThat(dovecot.count("Archive/DMARC")).isEqualTo(2);
    assertThat(dsl.select(IMAP_ORIGINS.UID).from(IMAP_ORIGINS).fetch(IMAP_ORIGINS.UID))
        .containsExactlyInAnyOrder(first, last);
    assertThat(dsl.fetchCount(REPORTS))
        .isEqualTo(samples.get(0).totals().reports() + samples.get(2).totals().reports());
  }

  @Test
  void a_message_the_pipeline_fails_on_is_filed_as_invalid_and_the_ones_after_it_are_imported()
      throws Exception {
    List<Long> uids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      uids.add(dovecot.append(samples.get(i).raw()));
    }
    long bug = uids.get(1);
    long unreadable = uids.get(2);
    Ingester ingester = ingester();
    MessageImport run =
        new MessageImport(
            message -> {
              long uid = message.origin().imap().uid();
              if (uid == bug) {
                throw new IllegalStateException("a planted bug");
              }
              if (uid == unreadable) {
                throw new IOException("a planted read failure");
              }
              return ingester.ingest(message);
            },
            settings().folders(),
            AfterImport.MOVE);

    int handled;
    int handledAgain;
    try (LogCapture log = LogCapture.start()) {
      try (ImapSource source = ImapSource.open(settings(), LIMIT)) {
        handled = source.drain(run, () -> false);
      }
      try (ImapSource source = ImapSource.open(settings(), LIMIT)) {
        handledAgain = source.drain(run, () -> false);
      }
      assertThat(log.lines())
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("WARN  INBOX UID " + bug + " <")
                      .endsWith(
                          ">: cannot be imported (IllegalStateException: a planted bug) ->"
                              + " Archive/Invalid"))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("WARN  INBOX UID " + unreadable + " <")
                      .endsWith(
                          ">: cannot be imported (IOException: a planted read failure) ->"
                              + " Archive/Invalid"));
    }

    assertThat(handled).isEqualTo(4);
    assertThat(handledAgain).as("never read again").isZero();
    assertThat(dovecot.count("INBOX")).isZero();
    assertThat(dovecot.count("Archive/Invalid")).isEqualTo(2);
    assertThat(dovecot.count("Archive/DMARC")).isEqualTo(2);
    assertThat(run.tally().rejected()).isEqualTo(2);
    assertThat(dsl.select(IMAP_ORIGINS.UID).from(IMAP_ORIGINS).fetch(IMAP_ORIGINS.UID))
        .containsExactlyInAnyOrder(uids.get(0), uids.get(3));
    assertThat(dsl.fetchCount(REPORTS))
        .isEqualTo(samples.get(0).totals().reports() + samples.get(3).totals().reports());
  }

  @Test
  void when_the_database_goes_away_the_run_stops_and_the_message_in_hand_stays_in_place()
      throws Exception {
    List<Long> uids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      uids.add(dovecot.append(samples.get(i).raw()));
    }
    Ingester ingester = ingester();
    MessageImport run =
        new MessageImport(
            message -> {
              if (message.origin().imap().uid() == uids.get(2)) {
                // The database stops taking writes: a table Puerto needs is gone.
                database.dsl().execute("ALTER TABLE records RENAME TO records_away");
              }
              return ingester.ingest(message);
            },
            settings().folders(),
            AfterImport.MOVE);

    try (ImapSource source = ImapSource.open(settings(), LIMIT)) {
      assertThatThrownBy(() -> source.drain(run, () -> false))
          .isInstanceOf(DatabaseFailedException.class);
    } finally {
      database.dsl().execute("ALTER TABLE IF EXISTS records_away RENAME TO records");
    }

    assertThat(dovecot.count("Archive/DMARC")).as("committed before, still filed").isEqualTo(2);
    assertThat(dovecot.count("Archive/Invalid")).isZero();
    assertThat(dovecot.uids("INBOX")).containsExactly(uids.get(2), uids.get(3));
  }

  @Test
  void
      a_message_over_the_size_limit_is_fetched_only_in_part_filed_as_invalid_and_the_next_imported()
          throws Exception {
    long limit = 100_000;
    long big = dovecot.append(bigMessage(300_000));
    long next = dovecot.append(samples.get(0).raw());
    long declared = dovecot.size(big);
    UnpackLimits defaults = UnpackLimits.defaults();
    Ingester ingester =
        new Ingester(
            new Unpacker(
                new UnpackLimits(
                    defaults.maxDocumentBytes(),
                    limit,
                    defaults.maxRatio(),
                    defaults.ratioGraceBytes(),
                    defaults.maxDepth(),
                    defaults.maxEntries())),
            ReportParsers.of(false),
            ReportStores.of(database));
    List<InboundMessage> handed = new ArrayList<>();
    List<Integer> bytesHanded = new ArrayList<>();
    MessageImport run =
        new MessageImport(
            message -> {
              handed.add(message);
              try (InputStream in = message.open()) {
                bytesHanded.add(in.readAllBytes().length);
              }
              return ingester.ingest(message);
            },
            settings().folders(),
            AfterImport.MOVE);

    try (LogCapture log = LogCapture.start();
        ImapSource source = ImapSource.open(settings(), limit)) {
      source.drain(run, () -> false);
      assertThat(log.text())
          .contains(
              "INBOX UID "
                  + big
                  + ": "
                  + declared
                  + " bytes, over the limit of 100000 bytes; only its first 65536 bytes were read");
    }

    assertThat(declared).isGreaterThan(300_000);
    assertThat(handed).hasSize(2);
    assertThat(handed.get(0).prefixOnly()).isTrue();
    assertThat(handed.get(0).size()).isEqualTo(declared);
    assertThat(bytesHanded.get(0)).isEqualTo(ImapSource.PREFIX_BYTES);
    assertThat(handed.get(1).prefixOnly()).isFalse();
    assertThat(dovecot.count("INBOX")).isZero();
    assertThat(dovecot.count("Archive/Invalid")).isEqualTo(1);
    assertThat(dovecot.count("Archive/DMARC")).isEqualTo(1);
    var bigInput =
        dsl.select(INPUTS.STATUS, INPUTS.SIZE_BYTES)
            .from(INPUTS)
            .join(IMAP_ORIGINS)
            .on(IMAP_ORIGINS.INPUT_ID.eq(INPUTS.ID))
            .where(IMAP_ORIGINS.UID.eq(big))
            .fetchSingle();
    assertThat(bigInput.value1()).isEqualTo(InputStatus.REJECTED);
    assertThat(bigInput.value2()).isEqualTo(declared);
    assertThat(dsl.select(IMAP_ORIGINS.UID).from(IMAP_ORIGINS).fetch(IMAP_ORIGINS.UID))
        .contains(next);
    assertThat(dsl.fetchCount(REPORTS)).isEqualTo(samples.get(0).totals().reports());
  }

  @Test
  void starttls_is_used_where_dovecot_offers_it() {
    dovecot.append(samples.get(0).raw());
    Map<String, String> env = env();
    env.put("PUERTO_IMAP_PORT", Integer.toString(dovecot.starttlsPort()));

    CommandLineRun run = CommandLineRun.run(env, "fetch", "--imap-security", "starttls");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dovecot.count("Archive/DMARC")).isEqualTo(1);
  }

  private Ingester ingester() {
    return new Ingester(
        new Unpacker(UnpackLimits.defaults()), ReportParsers.of(false), ReportStores.of(database));
  }

  private ImapSettings settings() {
    return dovecot.settings(AfterImport.MOVE, Duration.ofMinutes(2));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(dovecot.environment());
    env.putAll(testDatabase.environment());
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    return env;
  }

  /** A plain e-mail of about {@code bytes} bytes, no report in it. */
  private static byte[] bigMessage(int bytes) {
    StringBuilder raw =
        new StringBuilder(
            String.join(
                "\r\n",
                "From: archive@reporter.example",
                "To: dmarc-reports@example.com",
                "Subject: a very large message",
                "Date: Sun, 15 Mar 2026 00:00:00 +0000",
                "Message-ID: <huge-1@reporter.example>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                ""));
    String line = "x".repeat(76) + "\r\n";
    while (raw.length() < bytes) {
      raw.append(line);
    }
    return raw.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
