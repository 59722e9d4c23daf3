// Where a question belongs, on the question bank screen: the bank (every application) or one
// application. A filter, a badge on each question, and a field on the question form.
import { useApplications, type Application } from "../../api/queries/applications";
import type { Question } from "../../api/queries/questions";
import { Field } from "../../components/Form";

/** "" every question, "bank" the bank only, otherwise an application's id. */
export type Scope = string;

export function scopeMatches(q: Question, scope: Scope): boolean {
  if (!scope) return true;
  if (scope === "bank") return q.application_id == null;
  return q.application_id === scope;
}

/** The filter a link can preselect: /questions?application=<id> or ?application=bank. */
export function scopeFromUrl(): Scope {
  return new URLSearchParams(location.search).get("application") ?? "";
}

function label(a: Application, all: Application[]): string {
  // Two applications at one company are told apart by the position.
  return all.filter((x) => x.company === a.company).length > 1 ? `${a.company} · ${a.position}` : a.company;
}

function byCompany(all: Application[]): Application[] {
  return [...all].sort((a, b) => a.company.localeCompare(b.company) || a.position.localeCompare(b.position));
}

export function ScopeFilter({ value, onChange }: { value: Scope; onChange: (scope: Scope) => void }) {
  const applications = useApplications();
  const all = applications.data ?? [];
  return (
    <Field label="Belongs to" name="scope-filter">
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">Bank and every application</option>
          <option value="bank">Bank only (every application)</option>
          {byCompany(all).map((a) => (
            <option key={a.id} value={a.id}>
              Only {label(a, all)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function ScopeBadge({ q }: { q: Question }) {
  const applications = useApplications();
  if (q.application_id == null) return <span class="badge">Bank</span>;
  const all = applications.data ?? [];
  const a = all.find((x) => x.id === q.application_id);
  return <span class="badge badge--accent badge--wraps">For {a ? label(a, all) : "one application"}</span>;
}

export function ScopeField({ question, prefix, error }: { question?: Question; prefix: string; error?: string }) {
  const applications = useApplications();
  const all = applications.data ?? [];
  return (
    <Field
      label="Belongs to"
      name="application_id"
      id={`${prefix}-scope`}
      hint="The bank serves every application; a question for one application is planned only in its rounds."
      error={error}
    >
      {(p) => (
        <select {...p}>
          <option value="" selected={!question?.application_id}>
            Bank (every application)
          </option>
          {byCompany(all).map((a) => (
            <option key={a.id} value={a.id} selected={a.id === question?.application_id}>
              Only {label(a, all)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
