// An application's details (company, position, stage, salary, links) and deleting it.
import { useState } from "preact/hooks";
import { useLocation } from "wouter-preact";
import type { Schemas } from "../../api/client";
import { useDeleteApplication, useUpdateApplication, type Application } from "../../api/queries/applications";
import { Field, FormError, FormFooter, numberOrNull, useFormErrors } from "../../components/Form";
import { Markdown } from "../../components/Markdown";
import { APPLICATION_STATUSES, applicationStatusLabel, formatDate, formatSalary } from "../../labels";
import { limits } from "../../api/limits";

export const DETAIL_FIELDS = [
  "company", "position", "status", "job_url", "location", "source", "salary_min", "salary_max", "salary_currency", "notes",
  "description", "applied_on", "posted_on", "closes_on",
] as const;

export function Details({ app }: { app: Application }) {
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
        {app.external_id && (
          <p class="muted" data-testid="imported-from">
            {app.source ? `Imported from ${app.source} · #${app.external_id}` : `#${app.external_id}`}
          </p>
        )}
        <dl class="facts">
          <dt>Status</dt>
          <dd>{applicationStatusLabel[app.status]}</dd>
          <dt>Applied</dt>
          <dd>{app.applied_on ? formatDate(app.applied_on) : <span class="muted">—</span>}</dd>
          {app.posted_on && (
            <>
              <dt>Posted</dt>
              <dd>{formatDate(app.posted_on)}</dd>
            </>
          )}
          {app.closes_on && (
            <>
              <dt>Closes</dt>
              <dd>{formatDate(app.closes_on)}</dd>
            </>
          )}
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
        {app.description && (
          <div data-testid="job-description">
            <h3 class="plan-label">Job description</h3>
            <Markdown text={app.description} />
          </div>
        )}
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
        data-unsaved="Edit details"
        class="stack"
        onSubmit={errors.submit((v) => {
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
                description: v.description,
                applied_on: v.applied_on || null,
                posted_on: v.posted_on || null,
                closes_on: v.closes_on || null,
              },
            },
            { onSuccess: () => setEditing(false), onError: errors.show },
          );
        })}
      >
        <Field label="Company" name="company" id="d-company" error={errors.byField.company}>
          {(p) => <input {...p} required {...limits.ApplicationUpdate.company} defaultValue={app.company} />}
        </Field>
        <Field label="Position" name="position" id="d-position" error={errors.byField.position}>
          {(p) => <input {...p} required {...limits.ApplicationUpdate.position} defaultValue={app.position} />}
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
          <Field label="Lowest salary" name="salary_min" error={errors.byField.salary_min}>
            {(p) => <input {...p} type="number" {...limits.ApplicationUpdate.salary_min} step={1} defaultValue={app.salary_min ?? ""} />}
          </Field>
          <Field label="Highest salary" name="salary_max" error={errors.byField.salary_max}>
            {(p) => <input {...p} type="number" {...limits.ApplicationUpdate.salary_max} step={1} defaultValue={app.salary_max ?? ""} />}
          </Field>
        </div>
        <Field label="Currency" name="salary_currency" hint="Three letters, e.g. EUR" error={errors.byField.salary_currency}>
          {(p) => <input {...p} pattern="[A-Za-z]{3}" maxLength={3} defaultValue={app.salary_currency ?? ""} />}
        </Field>
        <Field label="Location" name="location" error={errors.byField.location}>
          {(p) => <input {...p} {...limits.ApplicationUpdate.location} defaultValue={app.location ?? ""} />}
        </Field>
        <Field label="Source" name="source" hint="Where you found it" error={errors.byField.source}>
          {(p) => <input {...p} {...limits.ApplicationUpdate.source} defaultValue={app.source ?? ""} />}
        </Field>
        <Field label="Job posting URL" name="job_url" error={errors.byField.job_url}>
          {(p) => <input {...p} type="url" pattern="https?://\S+" {...limits.ApplicationUpdate.job_url} defaultValue={app.job_url ?? ""} />}
        </Field>
        <Field label="Applied on" name="applied_on" error={errors.byField.applied_on}>
          {(p) => <input {...p} type="date" min="1970-01-01" max="2200-12-31" defaultValue={app.applied_on ?? ""} />}
        </Field>
        <div class="form-grid">
          <Field label="Posted on" name="posted_on" error={errors.byField.posted_on}>
            {(p) => <input {...p} type="date" min="1970-01-01" max="2200-12-31" defaultValue={app.posted_on ?? ""} />}
          </Field>
          <Field label="Closes on" name="closes_on" error={errors.byField.closes_on}>
            {(p) => <input {...p} type="date" min="1970-01-01" max="2200-12-31" defaultValue={app.closes_on ?? ""} />}
          </Field>
        </div>
        <Field label="Job description (Markdown)" name="description" error={errors.byField.description}>
          {(p) => <textarea {...p} rows={6} {...limits.ApplicationUpdate.description} defaultValue={app.description ?? ""} />}
        </Field>
        <Field label="Notes (Markdown)" name="notes" error={errors.byField.notes}>
          {(p) => <textarea {...p} rows={4} {...limits.ApplicationUpdate.notes} defaultValue={app.notes ?? ""} />}
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
