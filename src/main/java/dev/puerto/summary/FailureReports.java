package dev.puerto.summary;

import java.util.List;

/**
 * The failure reports of a domain-week, grouped by source and kind, the groups with most reports
 * first. A report belongs to the week of its arrival date, else its report date, else the time
 * Puerto stored it ({@link DomainFilter#failureReports}).
 *
 * @param reports every failure report of the domain-week
 * @param groups how many groups (source and kind) there are in all
 * @param top the first {@value Texts#TOP_SOURCES} groups
 */
public record FailureReports(long reports, long groups, List<FailureGroup> top) {
  static final FailureReports NONE = new FailureReports(0, 0, List.of());

  public FailureReports {
    top = List.copyOf(top);
  }

  public boolean any() {
    return reports > 0;
  }

  /** The groups beyond the {@code top} ones. */
  long moreGroups() {
    return groups - top.size();
  }
}
