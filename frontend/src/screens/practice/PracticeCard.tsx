import { useState } from "preact/hooks";
import type { PracticeItem } from "../../api/queries/practice";
import { useQuestion, useUpdateQuestion } from "../../api/queries/questions";
import { FormError } from "../../components/Form";

const RATINGS = [
  { value: "again", label: "Again", hint: "I could not answer" },
  { value: "hard", label: "Hard", hint: "With effort" },
  { value: "good", label: "Good", hint: "Answered well" },
  { value: "easy", label: "Easy", hint: "Effortless" },
] as const;

export type Rating = (typeof RATINGS)[number]["value"];

/** One question: read it, say your answer aloud, then look at what you prepared and rate yourself. */
export function PracticeCard({ item, busy, onRate }: { item: PracticeItem; busy: boolean; onRate: (r: Rating) => void }) {
  const [shown, setShown] = useState(false);
  const [written, setWritten] = useState<string | null>(null);
  const answer = written ?? item.answer;
  return (
    <article class="practice card stack" aria-labelledby={`pq-${item.question_id}`}>
      <p class="small muted">{item.reason}</p>
      <h2 id={`pq-${item.question_id}`} class="practice__question">
        {item.text}
      </h2>
      {shown ? (
        <div class="practice__answer" aria-live="polite">
          <p class="small muted">Your answer{item.answer_source === "application" ? " for this application" : ""}</p>
          {answer ? <p>{answer}</p> : <WriteAnswer questionId={item.question_id} onSaved={setWritten} />}
        </div>
      ) : (
        <button class="btn btn--secondary btn--block practice__show" onClick={() => setShown(true)}>
          Show my answer
        </button>
      )}
      <div class="practice__ratings" role="group" aria-label="How did it go?">
        {RATINGS.map((r) => (
          <button key={r.value} class={`btn practice__rate practice__rate--${r.value}`} disabled={busy} onClick={() => onRate(r.value)}>
            <span>{r.label}</span>
            <span class="small">{r.hint}</span>
          </button>
        ))}
      </div>
    </article>
  );
}

/** No answer yet: write the one you just said aloud, here, into the question bank. */
function WriteAnswer({ questionId, onSaved }: { questionId: string; onSaved: (answer: string) => void }) {
  const question = useQuestion(questionId, true);
  const update = useUpdateQuestion();
  const [text, setText] = useState("");
  const id = `pa-${questionId}`;
  return (
    <form
      class="stack--tight"
      onSubmit={(e) => {
        e.preventDefault();
        const answer = text.trim();
        if (!answer || !question.data) return;
        update.mutate({ question: question.data, body: { prepared_answer: answer } }, { onSuccess: (q) => onSaved(q.prepared_answer ?? answer) });
      }}
    >
      <label for={id}>You have not written an answer yet. Say one aloud, then write it down:</label>
      <textarea id={id} rows={4} maxLength={10000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <FormError error={update.error ?? question.error} />
      <div>
        <button type="submit" class="btn btn--secondary" disabled={!text.trim() || !question.data || update.isPending}>
          {update.isPending ? "Saving…" : "Save my answer"}
        </button>
      </div>
    </form>
  );
}
