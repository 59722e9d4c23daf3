// Add a round to an application.
import { useState } from "preact/hooks";
import { useLocation } from "wouter-preact";
import type { Schemas } from "../../api/client";
import { useMe } from "../../api/queries/me";
import { useCreateRound } from "../../api/queries/rounds";
import { Field, FormFooter, LabelOptions, numberOrNull, useFormErrors } from "../../components/Form";
import { ZoneField } from "../../components/ZoneField";
import { roundKindLabel } from "../../labels";
import { browserZone } from "../../time";
import { limits } from "../../api/limits";
import { PanelRows, type PanelRow } from "./PanelRows";

export function AddRound({ applicationId, done }: { applicationId: string; done: () => void }) {
  const create = useCreateRound(applicationId);
  const errors = useFormErrors(["kind", "scheduled_at", "time_zone", "duration_minutes", "location"]);
  const [, navigate] = useLocation();
  const zone = useMe().data?.time_zone ?? browserZone();
  const [people, setPeople] = useState<PanelRow[]>([]);
  return (
    <form
      class="card card--flat stack"
      aria-label="New round"
      onSubmit={errors.submit((v) => {
        create.mutate(
          {
            kind: (v.kind ?? "second") as Schemas["RoundKind"],
            // The wall clock as typed; the server reads it in time_zone.
            scheduled_at: v.scheduled_at ?? null,
            time_zone: v.time_zone ?? zone,
            duration_minutes: numberOrNull(v.duration_minutes),
            location: v.location,
            // Made with the round in one request: if one person cannot be added, nothing is.
            interviewers: people
              .filter((p) => p.name.trim())
              .map((p) => ({ name: p.name.trim(), title: p.title.trim() || null, role_id: p.role_id || null })),
          },
          {
            onSuccess: (round) => {
              done();
              navigate(`/rounds/${round.id}`);
            },
            onError: errors.show,
          },
        );
      })}
    >
      <div class="form-grid">
        <Field label="Kind" name="kind" error={errors.byField.kind}>
          {(p) => (
            <select {...p}>
              <LabelOptions labels={roundKindLabel} selected="second" />
            </select>
          )}
        </Field>
        <Field label="Date and time" name="scheduled_at" hint="On the clock of the time zone below." error={errors.byField.scheduled_at}>
          {(p) => <input {...p} type="datetime-local" />}
        </Field>
        <ZoneField id="new-round-zone" defaultValue={zone} hint="Where the interview happens." error={errors.byField.time_zone} />
        <Field label="Length (minutes)" name="duration_minutes" error={errors.byField.duration_minutes}>
          {(p) => <input {...p} type="number" {...limits.RoundCreate.duration_minutes} inputMode="numeric" placeholder="e.g. 120" />}
        </Field>
        <Field label="Place or video link" name="location" error={errors.byField.location} class="field--wide">
          {(p) => <input {...p} {...limits.RoundCreate.location} placeholder="Office address, or the meeting link" />}
        </Field>
      </div>
      <PanelRows rows={people} onChange={setPeople} />
      <FormFooter error={errors.general} pending={create.isPending} cancel={done} submit="Create round" />
    </form>
  );
}
