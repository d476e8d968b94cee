package dev.puerto.cli;

import dev.puerto.store.Database;
import dev.puerto.store.Retention;
import dev.puerto.store.Retention.Plan;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Drop the records of months older than a cutoff, as whole partitions: fast, and the space"
          + " goes back to the system at once.",
      "The reports stay (a report sent again is still recognised), and so do the daily roll-ups"
          + " the summary and the dmarc_daily_* views read, and the inputs with their raw bytes,"
          + " unless --rollups drop or --raw drop says otherwise. A month goes only when all of it"
          + " is older than the cutoff. watch prunes once a day when PUERTO_PRUNE_OLDER_THAN is"
          + " set.",
      "Example: puerto prune --older-than 400d --dry-run"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:pruned (or nothing to prune)", "2:usage or configuration error"})
final class PruneCommand implements Callable<Integer> {
  /** The config key of --older-than, which watch reads too. */
  static final String OLDER_THAN_KEY = "PUERTO_PRUNE_OLDER_THAN";

  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Option(
      names = "--older-than",
      paramLabel = "DURATION",
      description =
          "drop what is older than this, e.g. 400d (env "
              + OLDER_THAN_KEY
              + "; required: there is no default)")
  String olderThan;

  @Option(
      names = "--raw",
      paramLabel = "keep|drop",
      description =
          "the raw bytes of inputs received before the cutoff: kept (default; puerto reparse needs"
              + " them) or dropped (the inputs' rows stay, so the same bytes are still recognised)")
  Retention.Raw raw = Retention.Raw.KEEP;

  @Option(
      names = "--rollups",
      paramLabel = "keep|drop",
      description =
          "the daily roll-ups of days before the cutoff: kept (default: summaries of those weeks"
              + " still work) or dropped")
  Retention.Rollups rollups = Retention.Rollups.KEEP;

  @Option(names = "--dry-run", description = "say what would be removed, and remove nothing")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    Duration age = olderThan(main.config().get(OLDER_THAN_KEY, olderThan));
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = main.openDatabase()) {
      Retention retention = new Retention(database);
      Instant cutoff = Clock.systemUTC().instant().minus(age);
      Plan plan =
          dryRun ? retention.plan(cutoff, raw, rollups) : retention.prune(cutoff, raw, rollups);
      print(out, plan, dryRun);
      return ExitCode.OK;
    }
  }

  /** The age from the option or the config key; a usage error without either. */
  static Duration olderThan(Optional<String> value) throws ConfigException {
    if (value.isEmpty() || value.get().isBlank()) {
      throw new ConfigException(
          "prune needs --older-than (or "
              + OLDER_THAN_KEY
              + "), e.g. --older-than 400d: Puerto never guesses how much history to drop");
    }
    return ImapOptions.duration("--older-than", value, null);
  }

  static void print(PrintWriter out, Plan plan, boolean dryRun) {
    out.printf(
        "%s older than %s:%n",
        dryRun ? "Would prune what is" : "Pruned what is",
        plan.cutoff().atOffset(ZoneOffset.UTC).toLocalDate());
    out.printf(
        "  months of records %,10d%s%n",
        plan.months().size(),
        plan.months().isEmpty()
            ? ""
            : plan.months().stream()
                .map(m -> m.month().toString().substring(0, 7))
                .collect(Collectors.joining(", ", "   (", ")")));
    out.printf("  records           %,10d%n", plan.records());
    out.printf(
        "  SMTP TLS policies %,10d%n",
        plan.months().stream().mapToLong(Retention.Month::tlsPolicies).sum());
    out.printf(
        "  raw inputs        %s%n",
        plan.raw() == Retention.Raw.KEEP
            ? "      kept   (--raw drop removes them)"
            : String.format("%,10d   (%,d bytes stored)", plan.rawInputs(), plan.rawBytes()));
    out.printf(
        "  daily roll-ups    %s%n",
        plan.rollups() == Retention.Rollups.KEEP
            ? "      kept   (the summaries of those weeks still work)"
            : String.format("%,10d rows", plan.rollupRows()));
    out.flush();
  }
}
