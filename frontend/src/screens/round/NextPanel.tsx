// "Who will I meet next?" answered as people: they become the next round's panel, so round 2's
// names, titles and roles are not typed again (docs/decisions.md, "the next panel").
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import type { Schemas } from "../../api/client";
import { limits } from "../../api/limits";
import { useRoles } from "../../api/queries/roles";
import { useAddNextPanel, type Round } from "../../api/queries/rounds";
import { Field, FormFooter, useFormErrors } from "../../components/Form";

type Row = { key: number; name: string; title: string; role_id: string };
const blank = (key: number): Row => ({ key, name: "", title: "", role_id: "" });

export function NextPanel({ round }: { round: Round }) {
  const [rows, setRows] = useState<Row[]>([blank(0)]);
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<Schemas["NextPanelRead"] | null>(null);
  const roles = useRoles();
  const add = useAddNextPanel(round);
  const fields = rows.flatMap((_, i) => [`people.${i}.name`, `people.${i}.title`, `people.${i}.role_id`]);
  const errors = useFormErrors(["people", ...fields]);
  if (round.kind === "final") return null;
  const set = (index: number, change: Partial<Row>) => setRows((all) => all.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <section class="card" aria-labelledby="next-panel-title">
      <h2 id="next-panel-title" class="card__title">
        The people you will meet next
      </h2>
      <p class="muted small">When they tell you who comes next, add those people here: they become the next round's panel.</p>
      {result && (
        <p class="notice notice--ok small" role="status">
          <span>
          {result.added.length > 0
            ? `Added ${result.added.map((p) => p.name).join(", ")} to `
            : "Everyone is already on the panel of "}
          <Link href={`/rounds/${result.round.id}`}>round {result.round.sequence}</Link>
          {result.round_created ? " (a new round: schedule it when you know when)." : "."}
          {result.already_there.length > 0 && result.added.length > 0 ? ` Already there: ${result.already_there.join(", ")}.` : ""}
          </span>
        </p>
      )}
      {!open ? (
        <button type="button" class="btn btn--secondary" onClick={() => setOpen(true)}>
          Add the people you'll meet next
        </button>
      ) : (
        <form
          class="stack"
          onSubmit={errors.submit(() => {
            const people = rows
              .filter((r) => r.name.trim())
              .map((r) => ({ name: r.name, title: r.title.trim() || null, role_id: r.role_id || null }));
            add.mutate(
              { people },
              {
                onSuccess: (done) => {
                  setResult(done);
                  setRows([blank(Date.now())]);
                  setOpen(false);
                },
                onError: errors.show,
              },
            );
          })}
        >
          {errors.byField.people && <p class="field__error">{errors.byField.people}</p>}
          {rows.map((row, i) => (
            <fieldset key={row.key} class="stack--tight next-person">
              <legend class="label">Person {i + 1}</legend>
              <Field label="Name" name={`name-${i}`} id={`next-name-${row.key}`} error={errors.byField[`people.${i}.name`]}>
                {(p) => (
                  <input
                    {...p}
                    required={i === 0}
                    {...limits.NextPerson.name}
                    value={row.name}
                    onInput={(e) => set(i, { name: e.currentTarget.value })}
                  />
                )}
              </Field>
              <Field label="Title" name={`title-${i}`} id={`next-title-${row.key}`} error={errors.byField[`people.${i}.title`]}>
                {(p) => <input {...p} {...limits.NextPerson.title} value={row.title} onInput={(e) => set(i, { title: e.currentTarget.value })} />}
              </Field>
              <Field label="Role" name={`role-${i}`} id={`next-role-${row.key}`} error={errors.byField[`people.${i}.role_id`]}>
                {(p) => (
                  <select {...p} value={row.role_id} onChange={(e) => set(i, { role_id: e.currentTarget.value })}>
                    <option value="">Not known yet</option>
                    {(roles.data ?? []).map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {rows.length > 1 && (
                <button type="button" class="btn btn--ghost btn--small" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
                  Remove person {i + 1}
                </button>
              )}
            </fieldset>
          ))}
          <button type="button" class="btn btn--ghost btn--small" onClick={() => setRows((all) => [...all, blank(Date.now())])}>
            Add another person
          </button>
          <FormFooter error={errors.general} pending={add.isPending} cancel={() => setOpen(false)} submit="Add them to the next round" />
        </form>
      )}
    </section>
  );
}
