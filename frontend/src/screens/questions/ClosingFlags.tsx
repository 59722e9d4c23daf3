/* How a question takes part in every plan: asked every round, at the end, only while the next
 * panel is unknown. Plain checkboxes named like the API fields, read by the question form. */
import "./flags.css";
import type { Question } from "../../api/queries/questions";

export const CLOSING_FLAGS = ["recurring", "at_end", "asks_next_panel"] as const;
type Flag = (typeof CLOSING_FLAGS)[number];

const LABEL: Record<Flag, { text: string; hint: string }> = {
  recurring: { text: "Ask it every round", hint: "An answer in an earlier round does not settle it." },
  at_end: { text: "Ask it at the end", hint: "In the closing block, with the last decision-maker, after salary." },
  asks_next_panel: { text: "It asks who I meet next", hint: "Planned only until the next round's panel is known." },
};

export function ClosingFlags({ question, prefix }: { question?: Question; prefix: string }) {
  return (
    <fieldset class="stack--tight">
      <legend class="label">In every plan</legend>
      {CLOSING_FLAGS.map((flag) => (
        <label key={flag} class="check check--hinted" for={`${prefix}-${flag}`}>
          <input id={`${prefix}-${flag}`} type="checkbox" name={flag} defaultChecked={question?.[flag] ?? false} />
          <span>
            {LABEL[flag].text}
            <span class="small muted"> · {LABEL[flag].hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The flags as the form holds them (unticked boxes are absent from the form data). */
export function closingFlagsOf(form: HTMLFormElement): Record<Flag, boolean> {
  const data = new FormData(form);
  return { recurring: data.has("recurring"), at_end: data.has("at_end"), asks_next_panel: data.has("asks_next_panel") };
}

export function ClosingBadges({ q }: { q: Question }) {
  return (
    <>
      {q.recurring && <span class="badge">Every round</span>}
      {q.at_end && <span class="badge badge--accent">At the end</span>}
      {q.asks_next_panel && <span class="badge">Until the next panel is known</span>}
    </>
  );
}
