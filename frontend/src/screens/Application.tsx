import { useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import type { Schemas } from "../api/client";
import { useApplication, useDeleteApplication, useUpdateApplication, type Application } from "../api/queries/applications";
import { useMe } from "../api/queries/me";
import { useCreateRound, useRounds } from "../api/queries/rounds";
import { Field, FormError, FormFooter, formValues, LabelOptions, numberOrNull, useFormErrors } from "../components/Form";
import { Page } from "../components/Layout";
import { Markdown } from "../components/Markdown";
import { Empty, ErrorState, Loading } from "../components/States";
import { ApplicationQuestions } from "./application/ApplicationQuestions";
import { ZoneField } from "../components/ZoneField";
import { browserZone, formatDateTime } from "../time";
import {
  APPLICATION_STATUSES,
  applicationStatusLabel,
  formatDate,
  formatSalary,
  outcomeLabel,
  roundKindLabel,
  roundStatusLabel,
} from "../labels";

export default function ApplicationScreen({ id }: { id: string }) {
  const app = useApplication(id);
  if (app.isPending) return <Loading label="Loading the application" />;
  if (app.isError) return <ErrorState error={app.error} retry={() => app.refetch()} />;
  const a = app.data;
  return (
    <Page
      title={a.company}
      eyebrow={<Link href="/">Applications</Link>}
      lead={
        <>
          {a.position}
          {a.location ? ` · ${a.location}` : ""}{" "}
          <span class="badge badge--accent">{applicationStatusLabel[a.status]}</span>
        </>
      }
    >
      <div class="grid-side">
        <div class="stack">
          <Research app={a} />
          <Rounds app={a} />
          <ApplicationQuestions app={a} />
        </div>
        <Details app={a} />
      </div>
    </Page>
  );
}

function Research({ app }: { app: Application }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateApplication();
  const errors = useFormErrors(["company_research"]);
  return (
    <section class="card" aria-labelledby="research-title">
      <div class="section__head">
        <h2 id="research-title">Company research</h2>
        {!editing && (
          <button type="button" class="btn btn--secondary btn--small" onClick={() => setEditing(true)}>
            {app.company_research ? "Edit notes" : "Write notes"}
          </button>
        )}
      </div>
      {editing ? (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            errors.clear();
            const v = formValues(e.currentTarget);
            update.mutate(
              { app, body: { company_research: v.company_research } },
              { onSuccess: () => setEditing(false), onError: errors.show },
            );
          }}
        >
          <Field
            label="Notes (Markdown)"
            name="company_research"
            hint="Background, products, news, what they expect from this role. **bold**, - lists and [links](https://…) work."
            error={errors.byField.company_research}
          >
            {(p) => <textarea {...p} rows={10} maxLength={100000} defaultValue={app.company_research ?? ""} />}
          </Field>
          <FormFooter
            error={errors.general}
            pending={update.isPending}
            cancel={() => setEditing(false)}
            submit="Save notes"
          />
        </form>
      ) : app.company_research ? (
        <Markdown text={app.company_research} />
      ) : (
        <Empty title="No research yet">
          Interviewers notice when you know the company: its history, products, recent news and what this role is
          for. Write it down here.
        </Empty>
      )}
    </section>
  );
}

function Rounds({ app }: { app: Application }) {
  const rounds = useRounds(app.id);
  const [adding, setAdding] = useState(false);
  return (
    <section class="card" aria-labelledby="rounds-title">
      <div class="section__head">
        <h2 id="rounds-title">Interview rounds</h2>
        {!adding && (
          <button type="button" class="btn btn--primary btn--small" onClick={() => setAdding(true)}>
            Add a round
          </button>
        )}
      </div>
      {adding && <AddRound applicationId={app.id} done={() => setAdding(false)} />}
      {rounds.isPending ? (
        <Loading label="Loading rounds" />
      ) : rounds.isError ? (
        <ErrorState error={rounds.error} retry={() => rounds.refetch()} />
      ) : rounds.data.length === 0 ? (
        !adding && (
          <Empty title="No rounds yet">
            Add the interview you have coming up, then the people you will meet: secondround plans what to ask each of
            them.
          </Empty>
        )
      ) : (
        <ol class="timeline">
          {rounds.data.map((r) => (
            <li key={r.id} class={`timeline__item ${r.status === "completed" ? "timeline__item--done" : ""}`}>
              <span class="timeline__dot" aria-hidden="true">
                {r.sequence}
              </span>
              <Link href={`/rounds/${r.id}`} class="timeline__card">
                <span class="timeline__title">
                  Round {r.sequence}: {roundKindLabel[r.kind]}
                </span>
                <span class="small">{formatDateTime(r.scheduled_at, r.time_zone)}</span>
                <span class="row">
                  <span class={`badge ${r.status === "completed" ? "badge--ok" : ""}`}>{roundStatusLabel[r.status]}</span>
                  {r.status === "completed" && <span class="badge">{outcomeLabel[r.outcome]}</span>}
                  {r.decision_expected_by && r.outcome === "pending" && (
                    <span class="badge badge--warn">Decision by {formatDate(r.decision_expected_by)}</span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AddRound({ applicationId, done }: { applicationId: string; done: () => void }) {
  const create = useCreateRound(applicationId);
  const errors = useFormErrors(["kind", "scheduled_at", "time_zone", "duration_minutes", "location"]);
  const [, navigate] = useLocation();
  const zone = useMe().data?.time_zone ?? browserZone();
  return (
    <form
      class="card card--flat stack"
      aria-label="New round"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        const v = formValues(e.currentTarget);
        create.mutate(
          {
            kind: (v.kind ?? "second") as Schemas["RoundKind"],
            // The wall clock as typed; the server reads it in time_zone.
            scheduled_at: v.scheduled_at ?? null,
            time_zone: v.time_zone ?? zone,
            duration_minutes: numberOrNull(v.duration_minutes),
            location: v.location,
          },
          {
            onSuccess: (round) => {
              done();
              navigate(`/rounds/${round.id}`);
            },
            onError: errors.show,
          },
        );
      }}
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
          {(p) => <input {...p} type="number" min={1} max={1440} inputMode="numeric" placeholder="e.g. 120" />}
        </Field>
        <Field label="Place or video link" name="location" error={errors.byField.location} class="field--wide">
          {(p) => <input {...p} maxLength={2000} placeholder="Office address, or the meeting link" />}
        </Field>
      </div>
      <FormFooter error={errors.general} pending={create.isPending} cancel={done} submit="Create round" />
    </form>
  );
}

const DETAIL_FIELDS = [
  "company", "position", "status", "job_url", "location", "source", "salary_min", "salary_max", "salary_currency", "notes",
] as const;

function Details({ app }: { app: Application }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateApplication();
  const remove = useDeleteApplication();
  const errors = useFormErrors(DETAIL_FIELDS);
  const [, navigate] = useLocation();
  const salary = formatSalary(app.salary_min, app.salary_max, app.salary_currency);

  if (!editing) {
    return (
      <aside class="card stack" aria-labelledby="details-title">
        <div class="section__head">
          <h2 id="details-title">Details</h2>
          <button type="button" class="btn btn--secondary btn--small" onClick={() => setEditing(true)}>
            Edit
          </button>
        </div>
        <dl class="facts">
          <dt>Status</dt>
          <dd>{applicationStatusLabel[app.status]}</dd>
          <dt>Salary</dt>
          <dd>{salary || <span class="muted">Not researched yet</span>}</dd>
          <dt>Location</dt>
          <dd>{app.location ?? <span class="muted">—</span>}</dd>
          <dt>Source</dt>
          <dd>{app.source ?? <span class="muted">—</span>}</dd>
          <dt>Posting</dt>
          <dd>
            {app.job_url ? (
              <a href={app.job_url} target="_blank" rel="noopener noreferrer">
                Open the job posting
              </a>
            ) : (
              <span class="muted">—</span>
            )}
          </dd>
        </dl>
        {app.notes && (
          <div>
            <h3 class="plan-label">Notes</h3>
            <Markdown text={app.notes} />
          </div>
        )}
      </aside>
    );
  }

  return (
    <aside class="card" aria-labelledby="details-title">
      <h2 id="details-title" class="card__title">
        Edit details
      </h2>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          errors.clear();
          const v = formValues(e.currentTarget);
          update.mutate(
            {
              app,
              body: {
                company: v.company ?? "",
                position: v.position ?? "",
                status: v.status as Schemas["ApplicationStatus"],
                job_url: v.job_url,
                location: v.location,
                source: v.source,
                salary_min: numberOrNull(v.salary_min),
                salary_max: numberOrNull(v.salary_max),
                salary_currency: v.salary_currency?.toUpperCase() ?? null,
                notes: v.notes,
              },
            },
            { onSuccess: () => setEditing(false), onError: errors.show },
          );
        }}
      >
        <Field label="Company" name="company" id="d-company" error={errors.byField.company}>
          {(p) => <input {...p} required maxLength={200} defaultValue={app.company} />}
        </Field>
        <Field label="Position" name="position" id="d-position" error={errors.byField.position}>
          {(p) => <input {...p} required maxLength={200} defaultValue={app.position} />}
        </Field>
        <Field label="Status" name="status" error={errors.byField.status}>
          {(p) => (
            <select {...p}>
              {APPLICATION_STATUSES.map((s) => (
                <option key={s} value={s} selected={s === app.status}>
                  {applicationStatusLabel[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="form-grid">
          <Field label="Salary from" name="salary_min" error={errors.byField.salary_min}>
            {(p) => <input {...p} type="number" min={0} max={1e12} step={1} defaultValue={app.salary_min ?? ""} />}
          </Field>
          <Field label="Salary to" name="salary_max" error={errors.byField.salary_max}>
            {(p) => <input {...p} type="number" min={0} max={1e12} step={1} defaultValue={app.salary_max ?? ""} />}
          </Field>
        </div>
        <Field label="Currency" name="salary_currency" hint="Three letters, e.g. EUR" error={errors.byField.salary_currency}>
          {(p) => <input {...p} pattern="[A-Za-z]{3}" maxLength={3} defaultValue={app.salary_currency ?? ""} />}
        </Field>
        <Field label="Location" name="location" error={errors.byField.location}>
          {(p) => <input {...p} maxLength={200} defaultValue={app.location ?? ""} />}
        </Field>
        <Field label="Source" name="source" hint="Where you found it" error={errors.byField.source}>
          {(p) => <input {...p} maxLength={200} defaultValue={app.source ?? ""} />}
        </Field>
        <Field label="Job posting URL" name="job_url" error={errors.byField.job_url}>
          {(p) => <input {...p} type="url" pattern="https?://\S+" maxLength={2048} defaultValue={app.job_url ?? ""} />}
        </Field>
        <Field label="Notes (Markdown)" name="notes" error={errors.byField.notes}>
          {(p) => <textarea {...p} rows={4} maxLength={100000} defaultValue={app.notes ?? ""} />}
        </Field>
        <FormFooter error={errors.general} pending={update.isPending} cancel={() => setEditing(false)} submit="Save" />
        <hr class="divider" />
        <button
          type="button"
          class="btn btn--danger"
          onClick={() => {
            if (confirm(`Delete ${app.company} with its rounds and notes? This cannot be undone.`)) {
              remove.mutate(app, { onSuccess: () => navigate("/") });
            }
          }}
        >
          Delete this application
        </button>
        <FormError error={remove.error} />
      </form>
    </aside>
  );
}
