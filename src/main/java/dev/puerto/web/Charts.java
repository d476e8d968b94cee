package dev.puerto.web;

import dev.puerto.summary.Counts;
import dev.puerto.summary.Day;
import java.util.ArrayList;
import java.util.List;

/**
 * Charts as SVG geometry computed here and drawn by the templates (escaped like any text): no
 * script, so they show with JavaScript off, and each bar's {@code <title>} is its tooltip.
 */
final class Charts {
  private Charts() {}

  /** The stacked daily chart of a domain-week. */
  record Stacked(
      int width,
      int height,
      List<Bar> bars,
      List<Tick> ticks,
      List<Label> labels,
      List<Series> legend) {}

  record Bar(double x, double y, double w, double h, String css, String title) {}

  record Tick(double y, String label) {}

  record Label(double x, String text) {}

  record Series(String name, String css) {}

  /**
   * Bottom to top: what passed, then what failed by what the receiver did with it; each series'
   * name is {@code web.chart.<css>}.
   */
  static final List<String> DAILY_SERIES = List.of("s-pass", "s-fail", "s-quarantine", "s-reject");

  private static final int WIDTH = 960;
  private static final int HEIGHT = 250;
  private static final int LEFT = 64;
  private static final int BOTTOM = 28;
  private static final int TOP = 10;

  static Stacked daily(List<Day> days, Format fmt) {
    List<Series> legend =
        DAILY_SERIES.stream().map(css -> new Series(fmt.t("chart." + css), css)).toList();
    long max = 1;
    for (Day d : days) {
      max = Math.max(max, d.counts().messages());
    }
    long top = niceCeiling(max);
    double plotH = HEIGHT - BOTTOM - TOP;
    double slot = (double) (WIDTH - LEFT - 8) / Math.max(1, days.size());
    List<Bar> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      Day day = days.get(i);
      long[] parts = parts(day.counts());
      double x = LEFT + i * slot + slot * 0.15;
      double w = slot * 0.7;
      double y = HEIGHT - BOTTOM;
      for (int s = 0; s < parts.length; s++) {
        if (parts[s] == 0) {
          continue;
        }
        double h = plotH * parts[s] / top;
        y -= h;
        bars.add(
            new Bar(
                round(x),
                round(y),
                round(w),
                round(h),
                legend.get(s).css(),
                fmt.t(
                    "chart.bar",
                    day.date().toString(),
                    legend.get(s).name(),
                    fmt.count(parts[s]),
                    fmt.count(day.counts().messages()))));
      }
      labels.add(new Label(round(x + w / 2), fmt.dayLabel(day.date())));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int t = 0; t <= 4; t++) {
      long value = top * t / 4;
      ticks.add(new Tick(round(HEIGHT - BOTTOM - plotH * t / 4), fmt.count(value)));
    }
    return new Stacked(WIDTH, HEIGHT, bars, ticks, labels, legend);
  }

  /** Pass, fail delivered, quarantined, rejected: adding up to the messages. */
  static long[] parts(Counts c) {
    long fail = c.dmarcFail();
    long reject = Math.min(c.reject(), fail);
    long quarantine = Math.min(c.quarantine(), fail - reject);
    return new long[] {c.dmarcPass(), fail - reject - quarantine, quarantine, reject};
  }

  /** 1, 2 or 5 times a power of ten, at or above {@code n}. */
  static long niceCeiling(long n) {
    long power = 1;
    while (power <= n / 10) {
      power *= 10;
    }
    for (long step : new long[] {1, 2, 5, 10}) {
      if (step * power >= n) {
        return step * power;
      }
    }
    return 10 * power;
  }

  /** A point of a sparkline in its 100 x 24 box, with the week's rate as its tooltip. */
  record Dot(double x, double y, String title) {}

  /** The weeks with messages, oldest first: rates 0..1 bottom to top, weeks without a dot. */
  static List<Dot> sparkDots(Table.Spark spark, Format fmt) {
    List<Double> rates = spark.rates();
    List<Dot> dots = new ArrayList<>();
    double step = rates.size() <= 1 ? 0 : 96.0 / (rates.size() - 1);
    for (int i = 0; i < rates.size(); i++) {
      Double r = rates.get(i);
      if (r != null) {
        int weeksBack = rates.size() - 1 - i;
        dots.add(
            new Dot(
                round(2 + i * step),
                round(22 - 20 * r),
                fmt.t("spark.dot", weeksBack, fmt.count(weeksBack), fmt.rate(r))));
      }
    }
    return dots;
  }

  /** The dots joined, as a polyline's points. */
  static String sparkPoints(Table.Spark spark, Format fmt) {
    StringBuilder points = new StringBuilder();
    for (Dot d : sparkDots(spark, fmt)) {
      if (points.length() > 0) {
        points.append(' ');
      }
      points.append(d.x()).append(',').append(d.y());
    }
    return points.toString();
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
