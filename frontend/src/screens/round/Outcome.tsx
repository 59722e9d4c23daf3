// After the interview: the round's status, outcome, decision date and follow-up day.
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useUpdateRound, type Round } from "../../api/queries/rounds";
import { Field, FormFooter, LabelOptions, formValues, useFormErrors } from "../../components/Form";
import { formatDate, outcomeLabel, roundStatusLabel } from "../../labels";
import { formatDateTime } from "../../time";
import { shownVersion, OUTCOME_FIELDS } from "./shownVersion";

export function Outcome({ round }: { round: Round }) {
  const update = useUpdateRound();
  const errors = useFormErrors(OUTCOME_FIELDS);
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby="outcome-title">
      <h2 id="outcome-title" class="card__title">
        After the interview
      </h2>
      {round.follow_up_on && round.outcome === "pending" && !round.followed_up_at && (
        <p class="notice notice--warning small">Call them on {formatDate(round.follow_up_on)} if you have not heard back.</p>
      )}
      {round.followed_up_at && (
        <p class="notice notice--ok small">
          You followed up on {formatDateTime(round.followed_up_at, round.time_zone)}
          {round.follow_up_note ? `: ${round.follow_up_note}` : "."}
        </p>
      )}
      <form
        class="stack"
        key={shownVersion(round, OUTCOME_FIELDS)}
        onSubmit={(e) => {
          e.preventDefault();
          errors.clear();
          setSaved(false);
          const v = formValues(e.currentTarget);
          update.mutate(
            {
              round,
              body: {
                status: v.status as Schemas["RoundStatus"],
                outcome: v.outcome as Schemas["Outcome"],
                decision_expected_by: v.decision_expected_by,
                ...(v.follow_up_on ? { follow_up_on: v.follow_up_on } : {}),
              },
            },
            { onSuccess: () => setSaved(true), onError: errors.show },
          );
        }}
      >
        <Field label="Round status" name="status" id="o-status" error={errors.byField.status}>
          {(p) => (
            <select {...p}>
              <LabelOptions labels={roundStatusLabel} selected={round.status} />
            </select>
          )}
        </Field>
        <Field label="Outcome" name="outcome" id="o-outcome" error={errors.byField.outcome}>
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
          error={errors.byField.decision_expected_by}
        >
          {(p) => <input {...p} type="date" min="1900-01-01" max="2999-12-31" defaultValue={round.decision_expected_by ?? ""} />}
        </Field>
        <Field
          label="Follow up on"
          name="follow_up_on"
          id="o-follow"
          hint="Defaults to the next business day after the decision date."
          error={errors.byField.follow_up_on}
        >
          {(p) => <input {...p} type="date" min="1900-01-01" max="2999-12-31" defaultValue={round.follow_up_on ?? ""} />}
        </Field>
        <FormFooter error={errors.general} pending={update.isPending} saved={saved && "Saved"} submit="Save outcome" />
      </form>
    </section>
  );
}
