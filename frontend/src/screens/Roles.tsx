import { useQueries } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import type { Schemas } from "../api/client";
import { useApplications } from "../api/queries/applications";
import { useCreateRole, useRoles, useUpdateRole, type Role } from "../api/queries/roles";
import { usePlan } from "../api/queries/plan";
import { roundsQuery } from "../api/queries/rounds";
import { Field, FormError, FormFooter, useFormErrors } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { ACTIVE_STATUSES, CATEGORIES, categoryLabel, roundKindLabel } from "../labels";
import { DECIDING_HINT, DECIDING_LABEL, DecidingToggle } from "./roles/DecidingToggle";
import { limits } from "../api/limits";

type Focus = Record<Schemas["Category"], number>;

export default function Roles() {
  const roles = useRoles();
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const role = roles.data?.find((r) => r.id === selected) ?? roles.data?.[0];
  return (
    <Page
      title="Interviewer roles"
      lead="What each kind of interviewer wants to learn, and how much each topic matters to them. The plan follows these weights."
      actions={
        !adding && (
          <button type="button" class="btn btn--secondary" onClick={() => setAdding(true)}>
            Add a role
          </button>
        )
      }
    >
      {adding && <NewRole done={(id) => (setAdding(false), id && setSelected(id))} />}
      {roles.isPending ? (
        <Loading label="Loading roles" />
      ) : roles.isError ? (
        <ErrorState error={roles.error} retry={() => roles.refetch()} />
      ) : !role ? (
        <Empty title="No roles yet">Add the kinds of people you meet in interviews.</Empty>
      ) : (
        <>
          <div class="segmented section" role="group" aria-label="Role">
            {roles.data.map((r) => (
              <button
                key={r.id}
                type="button"
                class="btn btn--ghost"
                aria-pressed={r.id === role.id}
                data-discard={r.id === role.id ? undefined : ""}
                onClick={() => setSelected(r.id)}
              >
                {r.name}
              </button>
            ))}
          </div>
          {/* The preview beside the sliders on a wide screen, above them on a phone (it stays in
              view while the sliders move): the effect is seen where the change is made. */}
          <div class="roles-layout section">
            <RoleEditor key={role.id} role={role} />
            <PlanPreview role={role} />
          </div>
        </>
      )}
    </Page>
  );
}

function RoleEditor({ role }: { role: Role }) {
  const update = useUpdateRole();
  const errors = useFormErrors(["name", "goals"]);
  const [focus, setFocus] = useState<Focus>(role.focus as Focus);
  const pending = useRef<Partial<Focus>>({});
  const timer = useRef<number | undefined>(undefined);
  // Weights are saved shortly after the slider stops, so the preview follows without a Save button.
  function change(category: Schemas["Category"], weight: number) {
    setFocus((f) => ({ ...f, [category]: weight }));
    pending.current[category] = weight;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const body = { focus: pending.current };
      pending.current = {};
      update.mutate({ role, body });
    }, 350);
  }
  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <section class="card stack" aria-labelledby="role-title">
      <h2 id="role-title">{role.name}</h2>
      <form
        data-unsaved="Role name and goals"
        class="stack"
        onSubmit={errors.submit((v) => {
          update.mutate({ role, body: { name: v.name ?? "", goals: v.goals } }, { onError: errors.show });
        })}
      >
        <Field label="Name" name="name" id="role-name" error={errors.byField.name}>
          {(p) => <input {...p} required {...limits.RoleUpdate.name} defaultValue={role.name} />}
        </Field>
        <Field label="What they want to learn" name="goals" id="role-goals" error={errors.byField.goals}>
          {(p) => <textarea {...p} rows={3} {...limits.RoleUpdate.goals} defaultValue={role.goals ?? ""} />}
        </Field>
        <FormError error={errors.general} />
        <div class="form-actions">
          <button class="btn btn--secondary" disabled={update.isPending}>
            Save name and goals
          </button>
        </div>
      </form>
      <DecidingToggle role={role} />
      <fieldset class="stack--tight">
        <legend class="label">How much each topic matters (0 = never ask them about it)</legend>
        {CATEGORIES.map((c) => (
          <div class="slider" key={c}>
            <label for={`w-${c}`}>{categoryLabel[c]}</label>
            <input
              id={`w-${c}`}
              type="range"
              min={0}
              max={1}
              step={0.1}
              value={focus[c] ?? 0}
              onInput={(e) => change(c, Number(e.currentTarget.value))}
            />
            <output for={`w-${c}`}>{(focus[c] ?? 0).toFixed(1)}</output>
          </div>
        ))}
      </fieldset>
      <p class="small muted" role="status">
        {update.isPending ? "Saving…" : update.isSuccess ? "Saved; the plan preview is up to date." : " "}
      </p>
      <FormError error={update.error} />
    </section>
  );
}

/* The real plan of one of your rounds, recomputed by the server after each change. */
function PlanPreview({ role }: { role: Role }) {
  const apps = useApplications();
  const active = (apps.data ?? []).filter((a) => ACTIVE_STATUSES.includes(a.status)).slice(0, 12);
  const rounds = useQueries({
    queries: active.map((a) => roundsQuery(a.id)),
  });
  const options = useMemo(
    () =>
      rounds.flatMap((q, i) =>
        (q.data ?? []).filter((r) => r.status === "planned").map((r) => ({ id: r.id, label: `${active[i]!.company}: round ${r.sequence}, ${roundKindLabel[r.kind].toLowerCase()}` })),
      ),
    // eslint-disable-next-line
    [rounds.map((q) => q.dataUpdatedAt).join()],
  );
  const [roundId, setRoundId] = useState<string>("");
  const chosen = roundId || options[0]?.id || "";
  return (
    <section class="card stack roles-layout__preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Plan preview</h2>
      {apps.isPending || rounds.some((q) => q.isPending) ? (
        <Loading label="Finding your rounds" />
      ) : options.length === 0 ? (
        <Empty title="No planned round to preview">
          Add a round with its panel to an application, and this shows how the weights change its plan.
        </Empty>
      ) : (
        <>
          <Field label="Round" name="preview-round">
            {(p) => (
              <select {...p} onChange={(e) => setRoundId(e.currentTarget.value)}>
                {options.map((o) => (
                  <option key={o.id} value={o.id} selected={o.id === chosen}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <PreviewOf roundId={chosen} role={role} />
        </>
      )}
    </section>
  );
}

function PreviewOf({ roundId, role }: { roundId: string; role: Role }) {
  const plan = usePlan(roundId);
  if (plan.isPending) return <Loading label="Planning" />;
  if (plan.isError) return <ErrorState error={plan.error} retry={() => plan.refetch()} />;
  const people = plan.data.interviewers;
  if (people.length === 0) return <p class="small muted">This round has nobody on its panel yet.</p>;
  return (
    <div class="stack" aria-live="polite">
      {people.map((p) => (
        <div key={p.interviewer_id} class={`card card--flat ${p.role_id === role.id ? "" : "muted"}`}>
          <h3 class="small">
            {p.name} · {p.role_name ?? "no role"} {p.role_id === role.id && <span class="badge badge--accent">this role</span>}
          </h3>
          <ol class="q__reasons">
            {p.questions.map((q) => (
              <li key={q.question_id}>{q.text}</li>
            ))}
          </ol>
        </div>
      ))}
      <Link href={`/rounds/${roundId}`}>Open this round</Link>
    </div>
  );
}

function NewRole({ done }: { done: (id?: string) => void }) {
  const create = useCreateRole();
  const errors = useFormErrors(["name", "goals"]);
  return (
    <form
      data-unsaved="New role"
      class="card stack section"
      aria-label="New role"
      onSubmit={errors.submit((v, form) => {
        const deciding = new FormData(form).has("deciding");
        create.mutate({ name: v.name ?? "", goals: v.goals, deciding }, { onSuccess: (r) => done(r.id), onError: errors.show });
      })}
    >
      <Field label="Role name" name="name" id="new-role-name" error={errors.byField.name}>
        {(p) => <input {...p} required {...limits.RoleCreate.name} placeholder="e.g. Product manager" />}
      </Field>
      <Field label="What they want to learn" name="goals" id="new-role-goals" error={errors.byField.goals}>
        {(p) => <textarea {...p} rows={2} {...limits.RoleCreate.goals} />}
      </Field>
      <label class="check" for="new-role-deciding">
        <input id="new-role-deciding" type="checkbox" name="deciding" />
        {DECIDING_LABEL}
        <span class="small muted"> · {DECIDING_HINT}</span>
      </label>
      <FormFooter error={errors.general} pending={create.isPending} cancel={() => done()} submit="Add role" />
    </form>
  );
}
