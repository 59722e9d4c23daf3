// When and where the round is: its kind, time and zone, length, place and notes.
import type { Schemas } from "../../api/client";
import type { Round } from "../../api/queries/rounds";
import { Field, LabelOptions, numberOrNull } from "../../components/Form";
import { ZoneField } from "../../components/ZoneField";
import { roundKindLabel } from "../../labels";
import { toZoneInput } from "../../time";
import { RoundForm } from "./RoundForm";
import { limits } from "../../api/limits";

const SCHEDULE_FIELDS = ["kind", "scheduled_at", "time_zone", "duration_minutes", "location", "notes"] as const;

export function Schedule({ round }: { round: Round }) {
  return (
    <RoundForm
      round={round}
      id="schedule-title"
      title="Schedule and place"
      submit="Save schedule"
      fields={SCHEDULE_FIELDS}
      body={(v) => ({
        kind: v.kind as Schemas["RoundKind"],
        // The wall clock as typed, read by the server in the zone chosen beside it.
        scheduled_at: v.scheduled_at ?? null,
        time_zone: v.time_zone ?? round.time_zone,
        duration_minutes: numberOrNull(v.duration_minutes),
        location: v.location,
        notes: v.notes,
      })}
    >
      {(errors) => (
        <>
          <Field label="Kind" name="kind" id="s-kind" error={errors.kind}>
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
            error={errors.scheduled_at}
          >
            {(p) => <input {...p} type="datetime-local" defaultValue={toZoneInput(round.scheduled_at, round.time_zone)} />}
          </Field>
          <ZoneField id="s-zone" defaultValue={round.time_zone} hint="Where the interview happens." error={errors.time_zone} />
          <Field label="Length (minutes)" name="duration_minutes" id="s-length" error={errors.duration_minutes}>
            {(p) => <input {...p} type="number" {...limits.RoundUpdate.duration_minutes} defaultValue={round.duration_minutes ?? ""} />}
          </Field>
          <Field label="Place or video link" name="location" id="s-place" error={errors.location}>
            {(p) => <input {...p} {...limits.RoundUpdate.location} defaultValue={round.location ?? ""} />}
          </Field>
          <Field label="Notes" name="notes" id="s-notes" error={errors.notes}>
            {(p) => <textarea {...p} rows={3} {...limits.RoundUpdate.notes} defaultValue={round.notes ?? ""} />}
          </Field>
        </>
      )}
    </RoundForm>
  );
}
