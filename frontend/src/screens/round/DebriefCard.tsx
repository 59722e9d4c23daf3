// One person's debrief, made for the phone right after the round: how it went in one tap (five
// large targets), a few short fields, Save. Each save keeps the version before it (on the server).
import { useEffect, useState } from "preact/hooks";
import { messageOf } from "../../api/client";
import { asQuestion, useAskNextRound, useDebrief, useSaveDebrief, type Debrief } from "../../api/queries/debriefs";
import type { Interviewer } from "../../api/queries/interviewers";
import { ErrorState, Loading } from "../../components/States";

const IMPRESSIONS = ["Badly", "Not great", "OK", "Well", "Very well"] as const;

type Draft = {
  impression: number | null;
  next_steps: string;
  cared_about: string;
  surprises: string;
  notes: string;
  decision_date_named: string;
};

function draftOf(d: Debrief | null | undefined): Draft {
  return {
    impression: d?.impression ?? null,
    next_steps: d?.next_steps ?? "",
    cared_about: d?.cared_about ?? "",
    surprises: d?.surprises ?? "",
    notes: d?.notes ?? "",
    decision_date_named: d?.decision_date_named ?? "",
  };
}

type Props = { roundId: string; applicationId: string; person: Interviewer };

/** The card once the saved debrief (or its absence) is known, so nothing typed is reset by it. */
export function DebriefCard(props: Props) {
  const debrief = useDebrief(props.roundId, props.person.id);
  if (debrief.isPending) return <Loading label={`Loading your debrief of ${props.person.name}`} />;
  if (debrief.isError) return <ErrorState error={debrief.error} retry={() => debrief.refetch()} />;
  return <DebriefForm {...props} saved={debrief.data} />;
}

function DebriefForm({ roundId, applicationId, person, saved }: Props & { saved: Debrief | null }) {
  const save = useSaveDebrief(roundId, person.id);
  const ask = useAskNextRound(person.id, applicationId);
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [replace, setReplace] = useState(false);
  const [asked, setAsked] = useState<string | null>(null);
  // A new version saved (here or elsewhere) is what the form shows next.
  const version = saved?.etag;
  useEffect(() => {
    setDraft(draftOf(saved));
    setReplace(false);
  }, [version]);
  const id = `debrief-${person.id}`;
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const current = saved;
  const keptYours = current?.decision_date_note?.includes("which you set") ?? false;
  const onSubmit = (e: Event) => {
    e.preventDefault();
    save.mutate({
      current,
      body: {
        impression: draft.impression,
        next_steps: draft.next_steps.trim() || null,
        cared_about: draft.cared_about.trim() || null,
        surprises: draft.surprises.trim() || null,
        notes: draft.notes.trim() || null,
        decision_date_named: draft.decision_date_named || null,
        replace_decision_expected_by: replace,
      },
    });
  };
  return (
    <article class="card card--flat debrief" aria-labelledby={`${id}-name`}>
      <form onSubmit={onSubmit} class="stack--tight">
        <div class="row row--between">
          <h3 id={`${id}-name`} class="debrief__name">
            {person.name}
          </h3>
          {current && <span class="badge badge--ok">Saved{current.revision > 1 ? ` (version ${current.revision})` : ""}</span>}
        </div>
        <fieldset class="debrief__impression">
          <legend>How did it go?</legend>
          <div class="debrief__taps" role="group" aria-label={`How it went with ${person.name}`}>
            {IMPRESSIONS.map((label, i) => (
              <button
                key={label}
                type="button"
                class={`debrief__tap ${draft.impression === i + 1 ? "debrief__tap--on" : ""}`}
                aria-pressed={draft.impression === i + 1}
                onClick={() => set({ impression: draft.impression === i + 1 ? null : i + 1 })}
              >
                <span class="debrief__digit">{i + 1}</span>
                <span class="visually-hidden"> of 5: </span>
                <span class="debrief__word">{label}</span>
              </button>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for={`${id}-cared`}>What they cared about</label>
          <textarea id={`${id}-cared`} rows={2} maxLength={2000} value={draft.cared_about}
            onInput={(e) => set({ cared_about: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={`${id}-next`}>What they said about next steps</label>
          <textarea id={`${id}-next`} rows={2} maxLength={2000} value={draft.next_steps}
            onInput={(e) => set({ next_steps: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={`${id}-surprises`}>Anything that surprised you</label>
          <textarea id={`${id}-surprises`} rows={2} maxLength={2000} value={draft.surprises}
            onInput={(e) => set({ surprises: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={`${id}-notes`}>Notes</label>
          <textarea id={`${id}-notes`} rows={2} maxLength={4000} value={draft.notes}
            onInput={(e) => set({ notes: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={`${id}-date`}>Decision date they named</label>
          <input id={`${id}-date`} type="date" value={draft.decision_date_named}
            onInput={(e) => set({ decision_date_named: e.currentTarget.value })} />
        </div>
        {current?.decision_date_note && <p class="small muted" role="status">{current.decision_date_note}</p>}
        {keptYours && (
          <label class="check small">
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} /> Replace the
            round's date with theirs when I save
          </label>
        )}
        {save.isError && <p class="form-error" role="alert">{messageOf(save.error)}</p>}
        <div class="debrief__actions">
          <button type="submit" class="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save debrief"}
          </button>
          {draft.cared_about.trim() && (
            <button
              type="button"
              class="btn btn--secondary"
              disabled={ask.isPending}
              onClick={() => ask.mutate(asQuestion(draft.cared_about), { onSuccess: (q) => setAsked(q.text) })}
            >
              Ask this next round
            </button>
          )}
        </div>
        {asked && (
          <p class="notice notice--ok small" role="status">
            Added for the next round: “{asked}”
          </p>
        )}
        {ask.isError && <p class="form-error" role="alert">{messageOf(ask.error)}</p>}
      </form>
    </article>
  );
}
