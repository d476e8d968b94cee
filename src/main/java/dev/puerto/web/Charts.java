package dev.puerto.web;

import dev.puerto.summary.Counts;
import dev.puerto.summary.Day;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** Bottom to top: what passed, then what failed by what the receiver did with it. */
  static final List<Series> DAILY_SERIES =
      List.of(
          new Series("DMARC pass", "s-pass"),
          new Series("Fail, delivered", "s-fail"),
          new Series("Fail, quarantined", "s-quarantine"),
          new Series("Fail, rejected", "s-reject"));

  private static final int WIDTH = 960;
  private static final int HEIGHT = 250;
  private static final int LEFT = 64;
  private static final int BOTTOM = 28;
  private static final int TOP = 10;

  static Stacked daily(List<Day> days) {
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
                DAILY_SERIES.get(s).css(),
                day.date()
                    + " "
                    + DAILY_SERIES.get(s).name()
                    + ": "
                    + Format.count(parts[s])
                    + " of "
                    + Format.count(day.counts().messages())));
      }
      labels.add(
          new Label(
              round(x + w / 2),
              day.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                  + " "
                  + day.date().getDayOfMonth()));
    }
    List<Tick> ticks = new ArrayList<>();
    for (int t = 0; t <= 4; t++) {
      long value = top * t / 4;
      ticks.add(new Tick(round(HEIGHT - BOTTOM - plotH * t / 4), Format.count(value)));
    }
    return new Stacked(WIDTH, HEIGHT, bars, ticks, labels, DAILY_SERIES);
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
  static List<Dot> sparkDots(Table.Spark spark) {
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
                (weeksBack == 0
                        ? "this week"
                        : weeksBack + (weeksBack == 1 ? " week" : " weeks") + " before")
                    + ": "
                    + Format.rate(r)));
      }
    }
    return dots;
  }

  /** The dots joined, as a polyline's points. */
  static String sparkPoints(Table.Spark spark) {
    StringBuilder points = new StringBuilder();
    for (Dot d : sparkDots(spark)) {
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
