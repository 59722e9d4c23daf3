// One person in interview mode: who they are, how to greet them, what they care about, the
// questions to ask in order with one-tap marks, and the closing. Reasons and answers stay folded.
import type { Ref } from "preact";
import type { Schemas } from "../../api/client";
import type { RoundQuestion } from "../../api/queries/roundQuestions";
import { questionStatusLabel } from "../../labels";
import type { MarkStatus } from "../../offline/marks";
import type { useMarks } from "../../offline/useMarks";

type Person = Schemas["InterviewerPlanRead"];
type Planned = Schemas["PlannedQuestionRead"];
const MARKS: MarkStatus[] = ["asked", "answered", "skipped"];

export function PersonPage(props: {
  person: Person;
  when: string | null;
  heading: Ref<HTMLHeadingElement>;
  entries: Map<string, RoundQuestion>;
  marks: ReturnType<typeof useMarks>;
}) {
  const { person } = props;
  const work = person.questions.filter((q) => !q.closing);
  const closing = person.questions.filter((q) => q.closing);
  const item = (q: Planned, number: number) => (
    <InterviewQuestion key={q.question_id} q={q} number={number} entry={props.entries.get(q.question_id)} marks={props.marks} />
  );
  return (
    <article class="iperson" aria-labelledby={`ip-${person.interviewer_id}`}>
      <header class="iperson__head">
        <h2 class="iperson__name" id={`ip-${person.interviewer_id}`} ref={props.heading} tabIndex={-1}>
          {person.name}
        </h2>
        <p class="iperson__role">
          {[person.title, person.role_name].filter(Boolean).join(" · ")}
          {person.deciding && <span class="badge badge--accent">Decides</span>}
        </p>
        {props.when && <p class="iperson__when">{props.when}</p>}
      </header>
      {person.greeting && (
        <div class="iperson__block">
          <span class="greeting__label">Greet them</span>
          <p class="iperson__greeting">{person.greeting}</p>
        </div>
      )}
      {person.goals && (
        <div class="iperson__block">
          <span class="greeting__label">What they care about</span>
          <p class="iperson__cares">{person.goals}</p>
        </div>
      )}
      <section class="iperson__block" aria-labelledby={`ask-${person.interviewer_id}`}>
        <h3 class="plan-label" id={`ask-${person.interviewer_id}`}>
          Ask, in this order
        </h3>
        {person.questions.length === 0 ? (
          <p class="muted small">No question is planned for this person.</p>
        ) : (
          work.length > 0 && <ol class="iqlist">{work.map((q, i) => item(q, i + 1))}</ol>
        )}
      </section>
      {closing.length > 0 && (
        <section class="iperson__block iperson__closing" aria-labelledby={`close-${person.interviewer_id}`}>
          <h3 class="plan-label" id={`close-${person.interviewer_id}`}>
            To close, ask last
          </h3>
          <p class="small">
            {person.deciding
              ? "They decide: before you leave, ask what happens next and when you will hear."
              : "Before you leave, ask what happens next."}
          </p>
          <ol class="iqlist">{closing.map((q, i) => item(q, work.length + i + 1))}</ol>
        </section>
      )}
      {person.expect.length > 0 && (
        <details class="iperson__block iperson__expect">
          <summary>They will likely ask you ({person.expect.length})</summary>
          <ul class="iexpect">
            {person.expect.map((q) => (
              <li key={q.question_id}>
                <span class="iexpect__q">{q.text}</span>
                {q.prepared_answer ? <p class="iexpect__a">{q.prepared_answer}</p> : <p class="small muted">No answer prepared yet.</p>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

function InterviewQuestion(props: { q: Planned; number: number; entry: RoundQuestion | undefined; marks: ReturnType<typeof useMarks> }) {
  const { q, marks } = props;
  const status = marks.statusOf(q.question_id, props.entry);
  const queued = marks.isQueued(q.question_id);
  return (
    <li class={`iq iq--${status}`}>
      <p class="iq__text">
        <span class="iq__number" aria-hidden="true">
          {props.number}
        </span>
        {q.text}
      </p>
      <div class="iq__marks" role="group" aria-label={`Mark: ${q.text}`}>
        {MARKS.map((s) => (
          <button
            key={s}
            type="button"
            class={`imark imark--${s}`}
            aria-pressed={status === s}
            onClick={() => marks.mark(q, status === s ? "planned" : s, props.entry)}
          >
            {questionStatusLabel[s]}
          </button>
        ))}
      </div>
      <div class="iq__foot">
        <span class="small muted">{q.minutes} min</span>
        {queued && <span class="badge badge--warn">{marks.online ? "Sending…" : "Not sent yet"}</span>}
        {q.reasons.length > 0 && (
          <details class="iq__why">
            <summary>Why this question</summary>
            <ul class="q__reasons">
              {q.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </li>
  );
}
