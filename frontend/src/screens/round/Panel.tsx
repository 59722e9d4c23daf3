// The panel: who you meet, in meeting order, moved by drag and drop or by the arrows.
import { useMemo, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { useInterviewers, useReorderPanel, useUpdateInterviewer } from "../../api/queries/interviewers";
import { useRoles } from "../../api/queries/roles";
import type { Round } from "../../api/queries/rounds";
import { FormError } from "../../components/Form";
import { focusWhenReady } from "../../components/focus";
import { Empty, ErrorState, Loading } from "../../components/States";
import { PersonForm } from "./PersonForm";
import { PersonTiming } from "./PersonTimeFields";


export function Panel({ round }: { round: Round }) {
  const people = useInterviewers(round.id);
  const roles = useRoles();
  const reorder = useReorderPanel(round.id);
  const update = useUpdateInterviewer(round.id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const list = useMemo(() => [...(people.data ?? [])].sort((a, b) => a.order - b.order), [people.data]);
  const roleName = (id: string | null) => roles.data?.find((r) => r.id === id)?.name;

  function move(from: number, to: number, byArrow = false) {
    if (to < 0 || to >= list.length || from === to) return;
    const next = [...list];
    const [person] = next.splice(from, 1);
    next.splice(to, 0, person!);
    reorder.mutate(next);
    if (byArrow) {
      // Focus stays with the person moved: the same arrow, or the other one at either end.
      const up = to < from ? to > 0 : to === list.length - 1;
      const ids = [`move-${person!.id}-up`, `move-${person!.id}-down`];
      focusWhenReady(up ? ids[0]! : ids[1]!, ids);
    }
  }

  return (
    <section class="card no-print" aria-labelledby="panel-title">
      <div class="section__head">
        <h2 id="panel-title">Who you will meet</h2>
        {!adding && (
          <button type="button" class="btn btn--primary btn--small" onClick={() => setAdding(true)}>
            Add a person
          </button>
        )}
      </div>
      {people.isPending || roles.isPending ? (
        <Loading label="Loading the panel" />
      ) : people.isError ? (
        <ErrorState error={people.error} retry={() => people.refetch()} />
      ) : roles.isError ? (
        <ErrorState error={roles.error} retry={() => roles.refetch()} />
      ) : (
        <div class="stack">
          {list.length === 0 && !adding && (
            <Empty title="Nobody on the panel yet">
              Add each person you will meet, in the order you will meet them, with their role: the plan follows what each
              role cares about.
            </Empty>
          )}
          {list.length > 0 && (
            <ol class="panel-list" aria-label="Panel in meeting order">
              {list.map((p, index) => (
                <li
                  key={p.id}
                  data-unsaved-scope
                  class={`person ${dragged === p.id ? "person--dragging" : ""} ${over === p.id && dragged !== p.id ? "person--over" : ""}`}
                  draggable={editing !== p.id}
                  onDragStart={(e) => {
                    e.dataTransfer?.setData("text/plain", p.id);
                    setDragged(p.id);
                  }}
                  onDragEnd={() => {
                    setDragged(null);
                    setOver(null);
                  }}
                  onDragOver={(e) => {
                    e.preventDefault();
                    setOver(p.id);
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    const from = list.findIndex((x) => x.id === e.dataTransfer?.getData("text/plain"));
                    setOver(null);
                    if (from >= 0) move(from, index);
                  }}
                >
                  <span class="person__order" aria-hidden="true">
                    {index + 1}
                  </span>
                  <div>
                    <div class={`person__name ${p.cancelled ? "struck" : ""}`}>
                      {p.contact_id ? (
                        <Link href={`/contacts/${p.contact_id}`} draggable={false} aria-label={`${p.name}, contact page`}>
                          {p.name}
                        </Link>
                      ) : (
                        p.name
                      )}
                      {p.cancelled && <span class="badge badge--warn">Cancelled</span>}
                    </div>
                    <div class="person__sub">
                      {[p.title, roleName(p.role_id) ?? "No role yet"].filter(Boolean).join(" · ")} ·{" "}
                      <PersonTiming roundId={round.id} person={p} />
                    </div>
                  </div>
                  <div class="person__tools">
                    <button
                      type="button"
                      class="btn btn--ghost btn--icon"
                      id={`move-${p.id}-up`}
                      aria-label={`Move ${p.name} earlier`}
                      disabled={index === 0 || reorder.isPending}
                      onClick={() => move(index, index - 1, true)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="btn btn--ghost btn--icon"
                      id={`move-${p.id}-down`}
                      aria-label={`Move ${p.name} later`}
                      disabled={index === list.length - 1 || reorder.isPending}
                      onClick={() => move(index, index + 1, true)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      class="btn btn--ghost btn--small"
                      aria-pressed={p.cancelled}
                      disabled={update.isPending}
                      onClick={() => update.mutate({ person: p, body: { cancelled: !p.cancelled } })}
                    >
                      {p.cancelled ? "Not cancelled" : "Cancelled"}
                      <span class="visually-hidden"> {p.name}</span>
                    </button>
                    <button
                      type="button"
                      class="btn btn--secondary btn--small"
                      aria-expanded={editing === p.id}
                      data-discard={editing === p.id ? "" : undefined}
                      onClick={() => setEditing(editing === p.id ? null : p.id)}
                    >
                      Edit<span class="visually-hidden"> {p.name}</span>
                    </button>
                  </div>
                  {editing === p.id && (
                    <div class="person__edit">
                      <PersonForm roundId={round.id} roles={roles.data} person={p} done={() => setEditing(null)} />
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
          <FormError error={reorder.error ?? update.error} />
          {adding && (
            <div class="card card--flat">
              <h3 class="card__title">New person</h3>
              <PersonForm roundId={round.id} roles={roles.data} done={() => setAdding(false)} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
