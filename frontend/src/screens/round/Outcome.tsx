// After the interview: the round's status, outcome, decision date and follow-up day.
import type { Schemas } from "../../api/client";
import type { Round } from "../../api/queries/rounds";
import { Field, LabelOptions } from "../../components/Form";
import { formatDate, outcomeLabel, roundStatusLabel } from "../../labels";
import { formatDateTime } from "../../time";
import { RoundForm } from "./RoundForm";

const OUTCOME_FIELDS = ["status", "outcome", "decision_expected_by", "follow_up_on"] as const;

/** Marking a round completed before its start may be a slip (the wrong round, the wrong field):
 * the API accepts it, since a round can happen earlier than planned, so ask first. */
export function completedEarly(round: Round, status: string | null): string | null {
  if (status !== "completed" || round.status === "completed" || !round.scheduled_at) return null;
  if (new Date(round.scheduled_at).getTime() <= Date.now()) return null;
  return `This round is planned for ${formatDateTime(round.scheduled_at, round.time_zone)}, which has not come yet. Mark it completed anyway?`;
}

export function Outcome({ round }: { round: Round }) {
  return (
    <RoundForm
      round={round}
      id="outcome-title"
      title="After the interview"
      submit="Save outcome"
      fields={OUTCOME_FIELDS}
      confirm={(v) => completedEarly(round, v.status ?? null)}
      body={(v) => ({
        status: v.status as Schemas["RoundStatus"],
        outcome: v.outcome as Schemas["Outcome"],
        decision_expected_by: v.decision_expected_by,
        ...(v.follow_up_on ? { follow_up_on: v.follow_up_on } : {}),
      })}
      notes={
        <>
          {round.follow_up_on && round.outcome === "pending" && !round.followed_up_at && (
            <p class="notice notice--warning small">Call them on {formatDate(round.follow_up_on)} if you have not heard back.</p>
          )}
          {round.followed_up_at && (
            <p class="notice notice--ok small">
              You followed up on {formatDateTime(round.followed_up_at, round.time_zone)}
              {round.follow_up_note ? `: ${round.follow_up_note}` : "."}
            </p>
          )}
        </>
      }
    >
      {(errors) => (
        <>
          <Field label="Round status" name="status" id="o-status" error={errors.status}>
            {(p) => (
              <select {...p}>
                <LabelOptions labels={roundStatusLabel} selected={round.status} />
              </select>
            )}
          </Field>
          <Field label="Outcome" name="outcome" id="o-outcome" error={errors.outcome}>
            {(p) => (
              <select {...p}>
                <LabelOptions labels={outcomeLabel} selected={round.outcome} />
              </select>
            )}
          </Field>
          <Field
            label="Decision expected by"
            name="decision_expected_by"
            id="o-decision"
            hint="Ask at the end of the interview when they will decide."
            error={errors.decision_expected_by}
          >
            {(p) => <input {...p} type="date" min="1900-01-01" max="2999-12-31" defaultValue={round.decision_expected_by ?? ""} />}
          </Field>
          <Field
            label="Follow up on"
            name="follow_up_on"
            id="o-follow"
            hint="Defaults to the next business day after the decision date."
            error={errors.follow_up_on}
          >
            {(p) => <input {...p} type="date" min="1900-01-01" max="2999-12-31" defaultValue={round.follow_up_on ?? ""} />}
          </Field>
        </>
      )}
    </RoundForm>
  );
}
