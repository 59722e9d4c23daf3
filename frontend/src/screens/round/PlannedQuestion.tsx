// One planned question: record it (asked, answered, skipped), pin it, note the answer, place it.
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useSetRoundQuestion, type RoundQuestion } from "../../api/queries/roundQuestions";
import { Field, FormError, formValues } from "../../components/Form";
import { categoryLabel, questionStatusLabel } from "../../labels";
import { Placement, PlacementBadges } from "./Closing";
import { limits } from "../../api/limits";

export function PlannedQuestion({
  roundId,
  personId,
  q,
  entry,
  people,
}: {
  roundId: string;
  personId: string;
  q: Schemas["PlannedQuestionRead"];
  entry: RoundQuestion | undefined;
  people: Schemas["InterviewerPlanRead"][];
}) {
  const set = useSetRoundQuestion(roundId);
  const status = entry?.status ?? "planned";
  const [notesOpen, setNotesOpen] = useState(false);
  // A mark is recorded with the person on whose card it was made: it stays with them.
  const mark = (s: Schemas["RoundQuestionStatus"]) =>
    set.mutate({
      questionId: q.question_id,
      change: status === s ? { status: "planned" } : { status: s, marked_for_interviewer_id: personId },
    });
  return (
    <li class={`q ${q.pinned ? "q--pinned" : ""} ${status === "answered" ? "q--answered" : ""} ${status === "skipped" ? "q--skipped" : ""}`}>
      <div class="q__main">
        <span class="q__text">{q.text}</span>
        <div class="q__row">
          <div class="q__meta">
            {q.pinned && <span class="badge badge--pin">Pinned</span>}
            <PlacementBadges q={q} />
            {q.spare && <span class="badge">In spare time</span>}
            {status !== "planned" && (
              <span class={`badge ${status === "answered" ? "badge--ok" : status === "asked" ? "badge--accent" : ""}`}>
                {questionStatusLabel[status]}
              </span>
            )}
            <span class="badge">{categoryLabel[q.category]}</span>
            <span class="badge">{q.minutes} min</span>
          </div>
          <div class="q__actions" role="group" aria-label={`Record: ${q.text}`}>
            <button
              type="button"
              class="btn btn--secondary btn--small"
              aria-pressed={q.pinned}
              onClick={() => set.mutate({ questionId: q.question_id, change: { pinned: !q.pinned } })}
            >
              {q.pinned ? "Unpin" : "Pin"}
            </button>
            {(["asked", "answered", "skipped"] as const).map((s) => (
              <button key={s} type="button" class="btn btn--secondary btn--small" aria-pressed={status === s} onClick={() => mark(s)}>
                {questionStatusLabel[s]}
              </button>
            ))}
            <button type="button" class="btn btn--ghost btn--small" aria-expanded={notesOpen} onClick={() => setNotesOpen((o) => !o)}>
              Notes
            </button>
          </div>
        </div>
        <details>
          <summary>Why this question</summary>
          <ul class="q__reasons">
            {q.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
        <details class="q__move no-print">
          <summary>Give it to someone, or ask it at the end</summary>
          <Placement roundId={roundId} questionId={q.question_id} text={q.text} atEnd={q.closing} entry={entry} people={people} />
        </details>
        {entry?.answer_notes && !notesOpen && <p class="small muted">Notes: {entry.answer_notes}</p>}
        {notesOpen && (
          <form
            data-unsaved="Answer notes"
            class="stack--tight"
            onSubmit={(e) => {
              e.preventDefault();
              const v = formValues(e.currentTarget);
              set.mutate({ questionId: q.question_id, change: { answer_notes: v.answer_notes } }, { onSuccess: () => setNotesOpen(false) });
            }}
          >
            <Field label="What they answered" name="answer_notes" id={`notes-${q.question_id}`}>
              {(p) => <textarea {...p} rows={3} {...limits.RoundQuestionPatch.answer_notes} defaultValue={entry?.answer_notes ?? ""} />}
            </Field>
            <div class="form-actions">
              <button class="btn btn--primary btn--small" disabled={set.isPending}>
                Save notes
              </button>
            </div>
          </form>
        )}
        <FormError error={set.error} />
      </div>
    </li>
  );
}
