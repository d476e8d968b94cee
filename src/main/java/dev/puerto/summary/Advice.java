package dev.puerto.summary;

import java.util.List;

/**
 * Policy progression advice.
 *
 * @param status one of {@code move_to_quarantine}, {@code move_to_reject}, {@code raise_pct},
 *     {@code keep} (blocked: see {@code blockers}), {@code at_reject}
 * @param message one sentence for people
 * @param blockers what stands in the way, one sentence each (empty when nothing does); commands in
 *     them are marked as code
 */
public record Advice(String status, String message, List<Prose> blockers) {
  public Advice {
    blockers = List.copyOf(blockers);
  }
}
