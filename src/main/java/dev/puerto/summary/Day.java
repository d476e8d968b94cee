package dev.puerto.summary;

import java.time.LocalDate;

/** One UTC day of a domain-week: how many reports covered it and what they counted. */
public record Day(LocalDate date, long reports, Counts counts) {
  public boolean unreported() {
    return reports == 0;
  }
}
