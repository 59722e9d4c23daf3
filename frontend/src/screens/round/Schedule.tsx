// When and where the round is: its kind, time and zone, length, place and notes.
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useUpdateRound, type Round } from "../../api/queries/rounds";
import { Field, FormFooter, LabelOptions, formValues, numberOrNull, useFormErrors } from "../../components/Form";
import { ZoneField } from "../../components/ZoneField";
import { roundKindLabel } from "../../labels";
import { toZoneInput } from "../../time";
import { shownVersion, SCHEDULE_FIELDS } from "./shownVersion";
import { limits } from "../../api/limits";

export function Schedule({ round }: { round: Round }) {
  const update = useUpdateRound();
  const errors = useFormErrors(SCHEDULE_FIELDS);
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title" class="card__title">
        Schedule and place
      </h2>
      <form
        class="stack"
        key={shownVersion(round, SCHEDULE_FIELDS)}
        onSubmit={(e) => {
          e.preventDefault();
          errors.clear();
          setSaved(false);
          const v = formValues(e.currentTarget);
          update.mutate(
            {
              round,
              body: {
                kind: v.kind as Schemas["RoundKind"],
                // The wall clock as typed, read by the server in the zone chosen beside it.
                scheduled_at: v.scheduled_at ?? null,
                time_zone: v.time_zone ?? round.time_zone,
                duration_minutes: numberOrNull(v.duration_minutes),
                location: v.location,
                notes: v.notes,
              },
            },
            { onSuccess: () => setSaved(true), onError: errors.show },
          );
        }}
      >
        <Field label="Kind" name="kind" id="s-kind" error={errors.byField.kind}>
          {(p) => (
            <select {...p}>
              <LabelOptions labels={roundKindLabel} selected={round.kind} />
            </select>
          )}
        </Field>
        <Field
          label="Date and time"
          name="scheduled_at"
          id="s-when"
          hint="On the clock of the round's time zone."
          error={errors.byField.scheduled_at}
        >
          {(p) => <input {...p} type="datetime-local" defaultValue={toZoneInput(round.scheduled_at, round.time_zone)} />}
        </Field>
        <ZoneField id="s-zone" defaultValue={round.time_zone} hint="Where the interview happens." error={errors.byField.time_zone} />
        <Field label="Length (minutes)" name="duration_minutes" id="s-length" error={errors.byField.duration_minutes}>
          {(p) => <input {...p} type="number" {...limits.RoundUpdate.duration_minutes} defaultValue={round.duration_minutes ?? ""} />}
        </Field>
        <Field label="Place or video link" name="location" id="s-place" error={errors.byField.location}>
          {(p) => <input {...p} {...limits.RoundUpdate.location} defaultValue={round.location ?? ""} />}
        </Field>
        <Field label="Notes" name="notes" id="s-notes" error={errors.byField.notes}>
          {(p) => <textarea {...p} rows={3} {...limits.RoundUpdate.notes} defaultValue={round.notes ?? ""} />}
        </Field>
        <FormFooter error={errors.general} pending={update.isPending} saved={saved && "Saved"} submit="Save schedule" />
      </form>
    </section>
  );
}
