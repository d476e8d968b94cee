package dev.puerto.cli;

import dev.puerto.run.ImportRun;
import dev.puerto.run.ImportRun.InFlight;
import dev.puerto.run.ImportTally;
import dev.puerto.terminal.ControlChars;
import dev.puerto.terminal.TerminalOutput;
import java.io.PrintWriter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far a long run is: a bar redrawn in place on a terminal, or a log line every few
 * seconds otherwise (cron, systemd, CI logs).
 */
final class Progress implements ImportRun.Listener {
  private static final Logger log = LoggerFactory.getLogger(Progress.class);
  private static final long TERMINAL_REDRAW_NANOS = Duration.ofMillis(100).toNanos();
  private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
  private static final int BAR_WIDTH = 30;

  private final PrintWriter terminal;
  private final long total;
  private final long started = System.nanoTime();
  private long lastShown = started;

  /**
   * @param terminal where to draw the bar, or null to log progress lines instead. The bar is drawn
   *     on the writer beneath it when that escapes control characters: it needs {@code \r} to
   *     return to the start of the line, and holds only Puerto's own text and numbers.
   */
  Progress(PrintWriter terminal, long total) {
    this.terminal = terminal == null ? null : TerminalOutput.unescaped(terminal);
    this.total = total;
  }

  /**
   * Nothing finished for a while: the bar shows how long the slowest input has been at it, and the
   * log says so every few seconds, so a stalled database is visible while it is waited for.
   */
  @Override
  public void waiting(ImportTally tally, InFlight slowest) {
    long now = System.nanoTime();
    if (slowest == null
        || now - lastShown < (terminal != null ? TERMINAL_REDRAW_NANOS : LOG_INTERVAL_NANOS)) {
      return;
    }
    lastShown = now;
    long seconds = Duration.ofNanos(now - slowest.startedNanos()).toSeconds();
    if (terminal != null) {
      terminal.printf(
          "\r%,d/%,d inputs  %,d reports  %,d records  %,d rejected  (%s: %d s)    ",
          tally.inputs(),
          total,
          tally.imported(),
          tally.records(),
          tally.rejected(),
          shortName(slowest.name()),
          seconds);
      terminal.flush();
    } else {
      log.info(
          "{}/{} inputs, {} reports, {} records, {} rejected, {} s; {} in progress for {} s",
          tally.inputs(),
          total,
          tally.imported(),
          tally.records(),
          tally.rejected(),
          Duration.ofNanos(now - started).toSeconds(),
          slowest.name(),
          seconds);
    }
  }

  /** The run stops early: end the bar's line so the next message starts on its own. */
  @Override
  public void stopped() {
    if (terminal != null) {
      terminal.println();
      terminal.flush();
    }
  }

  /** The file name alone, escaped: the bar is drawn on the raw terminal. */
  private static String shortName(String name) {
    int slash = name.lastIndexOf('/');
    String base = ControlChars.escapeLine(slash < 0 ? name : name.substring(slash + 1));
    return base.length() <= 40 ? base : base.substring(0, 39) + "\u2026";
  }

  @Override
  public void update(long done, ImportTally tally) {
    long now = System.nanoTime();
    boolean last = done == total;
    if (!last
        && now - lastShown < (terminal != null ? TERMINAL_REDRAW_NANOS : LOG_INTERVAL_NANOS)) {
      return;
    }
    lastShown = now;
    if (terminal != null) {
      int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
      terminal.printf(
          "\r[%s%s] %,d/%,d inputs  %,d reports  %,d records  %,d rejected%s",
          "#".repeat(filled),
          " ".repeat(BAR_WIDTH - filled),
          done,
          total,
          tally.imported(),
          tally.records(),
          tally.rejected(),
          last ? System.lineSeparator() : "");
      terminal.flush();
    } else if (!last || total > 1) {
      log.info(
          "{}/{} inputs, {} reports, {} records, {} rejected, {} s",
          done,
          total,
          tally.imported(),
          tally.records(),
          tally.rejected(),
          Duration.ofNanos(now - started).toSeconds());
    }
  }

  /**
   * True when stderr is an interactive terminal (JDK 22+ returns a Console even when it is not).
   */
  static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
