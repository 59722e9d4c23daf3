import { useState } from "preact/hooks";
import type { PracticeItem } from "../../api/queries/practice";

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
  return (
    <article class="practice card stack" aria-labelledby={`pq-${item.question_id}`}>
      <p class="small muted">{item.reason}</p>
      <h2 id={`pq-${item.question_id}`} class="practice__question">
        {item.text}
      </h2>
      {shown ? (
        <div class="practice__answer" aria-live="polite">
          <p class="small muted">Your answer{item.answer_source === "application" ? " for this application" : ""}</p>
          <p>{item.answer ?? "You have not written an answer yet: say one aloud, then write it down in Questions."}</p>
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
