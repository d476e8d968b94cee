package dev.puerto.web;

import dev.puerto.summary.Counts;
import java.util.ArrayList;
import java.util.List;

/**
 * One table of a page, the single definition of its columns: the page shows it as HTML, {@code
 * ?format=csv} writes it as CSV and {@code /api/...} as JSON objects keyed by {@link Column#key}.
 *
 * @param key the table's name in the API and in {@code ?table=} of a CSV download
 * @param empty what the page says when there is no row, and what to do about it
 */
record Table(String key, String title, List<Column> columns, List<Row> rows, String empty) {
  Table {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * A column: its API and CSV name, its heading, and how its cells look; {@code shown} false for a
   * column that only CSV and JSON carry (a count whose rate the page shows).
   */
  record Column(String key, String heading, Kind kind, boolean shown) {}

  /** How a column's cells are shown: counts and rates right-aligned and formatted. */
  enum Kind {
    TEXT,
    /** a sentence (advice, a fix, a reason): given room to wrap */
    PROSE,
    /** a long: 12,345 */
    COUNT,
    /** a share from 0 to 1 (a Double): 98.5 % */
    RATE,
    /** percentage points against another rate (a Double): +1.5 pp */
    CHANGE,
    /** an OffsetDateTime, shown in UTC to the minute */
    TIME,
    /** a Boolean shown as a mark */
    FLAG,
    /** a {@link Spark} */
    SPARK,
    /** a list of {@link Badge} */
    BADGES
  }

  /**
   * A row's cells in column order; {@code mark} is a CSS class for the whole row ("fail", "new") or
   * null.
   */
  record Row(List<Object> cells, String mark) {
    Row {
      cells = java.util.Collections.unmodifiableList(new ArrayList<>(cells));
    }
  }

  /** A cell that links to another page of the dashboard; CSV and JSON carry its text only. */
  record Link(String text, String href) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A warning beside a row: {@code level} is "warn" or "bad". */
  record Badge(String text, String level) {}

  /** Weekly rates, oldest first, drawn as a small line; null for a week without messages. */
  record Spark(List<Double> rates) {
    Spark {
      rates = java.util.Collections.unmodifiableList(new ArrayList<>(rates));
    }
  }

  /** The cells of {@link Builder#counts()}'s columns; rates empty for no messages. */
  static Object[] counts(Counts c) {
    boolean none = c.messages() == 0;
    return new Object[] {
      c.messages(),
      c.dmarcPass(),
      c.spfAlignedPass(),
      c.dkimAlignedPass(),
      none ? null : c.dmarcPassRate(),
      none ? null : c.spfAlignedRate(),
      none ? null : c.dkimAlignedRate(),
      c.quarantine(),
      c.reject()
    };
  }

  /** A row's cells from single values and arrays of them ({@link #counts}), flattened. */
  static Object[] cells(Object... parts) {
    List<Object> cells = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Object[] many) {
        cells.addAll(java.util.Arrays.asList(many));
      } else {
        cells.add(part);
      }
    }
    return cells.toArray();
  }

  static Builder of(String key, String title) {
    return new Builder(key, title);
  }

  /** Columns first, then rows with as many cells. */
  static final class Builder {
    private final String key;
    private final String title;
    private final List<Column> columns = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    private Builder(String key, String title) {
      this.key = key;
      this.title = title;
    }

    Builder column(String columnKey, String heading, Kind kind) {
      columns.add(new Column(columnKey, heading, kind, true));
      return this;
    }

    /**
     * The columns of a {@link Counts}, as every table of counts has them: the page shows messages,
     * rates and what the receivers did; CSV and JSON have the counts too. {@link #counts(Counts)}
     * gives the cells.
     */
    Builder counts(Format fmt) {
      return column("messages", fmt.t("column.messages"), Kind.COUNT)
          .data("dmarc_pass", Kind.COUNT)
          .data("spf_aligned_pass", Kind.COUNT)
          .data("dkim_aligned_pass", Kind.COUNT)
          .column("dmarc_pass_rate", fmt.t("column.dmarc_pass_rate"), Kind.RATE)
          .column("spf_aligned_rate", fmt.t("column.spf_aligned_rate"), Kind.RATE)
          .column("dkim_aligned_rate", fmt.t("column.dkim_aligned_rate"), Kind.RATE)
          .column("quarantine", fmt.t("column.quarantine"), Kind.COUNT)
          .column("reject", fmt.t("column.reject"), Kind.COUNT);
    }

    /** A column for CSV and JSON only. */
    Builder data(String columnKey, Kind kind) {
      columns.add(new Column(columnKey, columnKey, kind, false));
      return this;
    }

    Builder row(String mark, Object... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException(
            "table "
                + key
                + ": a row of "
                + cells.length
                + " cells != "
                + columns.size()
                + " columns");
      }
      rows.add(new Row(java.util.Arrays.asList(cells), mark));
      return this;
    }

    Table empty(String whatToDo) {
      return new Table(key, title, columns, rows, whatToDo);
    }
  }
}
