// The round's two forms, and what each shows of the round.
import type { Round } from "../../api/queries/rounds";

export const SCHEDULE_FIELDS = ["kind", "scheduled_at", "time_zone", "duration_minutes", "location", "notes"] as const;
export const OUTCOME_FIELDS = ["status", "outcome", "decision_expected_by", "follow_up_on"] as const;

/** What one form shows of the round: the form starts afresh when that changes (a save, a reload),
 * and keeps what the user typed when only another part of the round changed. */
export function shownVersion(round: Round, fields: readonly (keyof Round)[]): string {
  return JSON.stringify(fields.map((f) => round[f]));
}
