// The questions left out of this plan, and those settled in earlier rounds.
import type { Schemas } from "../../api/client";
import { useSetRoundQuestion, type RoundQuestion } from "../../api/queries/roundQuestions";
import { FormError } from "../../components/Form";
import { Placement } from "./Closing";

export function Backlog(props: {
  roundId: string;
  backlog: Schemas["BacklogEntryRead"][];
  excluded: Schemas["ExcludedEntryRead"][];
  entries: Map<string, RoundQuestion>;
  people: Schemas["InterviewerPlanRead"][];
}) {
  const set = useSetRoundQuestion(props.roundId);
  if (props.backlog.length === 0 && props.excluded.length === 0) return null;
  return (
    <section class="card" aria-labelledby="backlog-title">
      <div class="section__head">
        <h3 id="backlog-title">Left out this time</h3>
        <p class="section__hint">Pin one to ask it anyway: pinned questions come first.</p>
      </div>
      <div class="stack">
        {props.backlog.length > 0 && (
          <ul class="backlog" aria-label="Backlog">
            {props.backlog.map((b) => (
              <li key={b.question_id}>
                <span>{b.text}</span>
                <button
                  type="button"
                  class="btn btn--secondary btn--small no-print"
                  onClick={() => set.mutate({ questionId: b.question_id, change: { pinned: true } })}
                >
                  Pin<span class="visually-hidden">: {b.text}</span>
                </button>
                <span class="backlog__reason">{b.reason}</span>
                {props.entries.get(b.question_id)?.interviewer_id && (
                  <Placement
                    roundId={props.roundId}
                    questionId={b.question_id}
                    text={b.text}
                    atEnd={props.entries.get(b.question_id)?.at_end === true}
                    entry={props.entries.get(b.question_id)}
                    people={props.people}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {props.excluded.length > 0 && (
          <details>
            <summary class="small">Already settled in earlier rounds ({props.excluded.length})</summary>
            <ul class="backlog">
              {props.excluded.map((x) => (
                <li key={x.question_id}>
                  <span>{x.text}</span>
                  <span />
                  <span class="backlog__reason">
                    {x.reason}
                    {x.answer_notes ? `: “${x.answer_notes}”` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        )}
        <FormError error={set.error} />
      </div>
    </section>
  );
}
