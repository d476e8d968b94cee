package dev.puerto.cli;

import dev.puerto.alert.AlertSettings;
import dev.puerto.alert.Alerts;
import dev.puerto.alert.Channel;
import dev.puerto.i18n.Lang;
import dev.puerto.store.Database;
import dev.puerto.store.WorkLock;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation of the alert rules with their delivery, as {@code alerts check}, {@code watch},
 * {@code import} and {@code fetch} run it: settings and channels resolved (and checked) before the
 * work starts, and the evaluation under the database lock {@value #LOCK}, so that a watch and a
 * cron job never evaluate at once (the one that finds it taken skips).
 */
final class AlertRun {
  static final String LOCK = "alerts";

  private static final Logger log = LoggerFactory.getLogger(AlertRun.class);

  private final AlertSettings settings;
  private final List<Channel> channels;

  private AlertRun(AlertSettings settings, List<Channel> channels) {
    this.settings = settings;
    this.channels = channels;
  }

  /** {@code alerts check}'s: always, delivering to the channels configured (maybe none). */
  static AlertRun of(Config config, SmtpOptions smtp, Lang lang) throws ConfigException {
    AlertConfig alerts = new AlertConfig(config, lang);
    return new AlertRun(alerts.settings(), alerts.channels(smtp, Clock.systemUTC()));
  }

  /** The evaluation after an import: only when alerts have somewhere to go. */
  static Optional<AlertRun> ifDelivering(Config config, Lang lang) throws ConfigException {
    return new AlertConfig(config, lang).delivering()
        ? Optional.of(of(config, new SmtpOptions(), lang))
        : Optional.empty();
  }

  /** Evaluates and delivers; empty when another Puerto is evaluating on this database. */
  Optional<Alerts.Check> check(Database database) {
    Optional<WorkLock> lock = database.tryLock(LOCK);
    if (lock.isEmpty()) {
      log.info("another Puerto is evaluating the alerts on this database; skipped");
      return Optional.empty();
    }
    try (WorkLock held = lock.get()) {
      return Optional.of(Main.alerts(database, settings, channels).check());
    }
  }

  /**
   * The evaluation at the end of an import, or after watch imported: a failure is logged and never
   * changes what the import did or its exit code.
   */
  void afterImport(Database database) {
    try {
      check(database);
    } catch (RuntimeException e) {
      log.warn("alerts: evaluation failed, tried again at the next one: {}", e.toString());
      log.debug("alerts: evaluation failure", e);
    }
  }
}
