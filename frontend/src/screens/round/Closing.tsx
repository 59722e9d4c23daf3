/* The closing block on a plan card, and the controls that let the user overrule the plan for one
 * question in this round: give it to a chosen person, or ask it at the end (the closing block). */
import "./closing.css";
import type { ComponentChildren } from "preact";
import type { Schemas } from "../../api/client";
import { useSetRoundQuestion, type RoundQuestion } from "../../api/queries/roundQuestions";
import { FormError } from "../../components/Form";

type Person = Schemas["InterviewerPlanRead"];

/** When this person's block comes: "before you leave" only for the last person you meet. */
function whenText(person: Person, last: boolean): string {
  return last ? "before you leave" : `at the end of your time with ${person.name}`;
}

/** Numbered on from the questions above (CSP allows no inline style attribute). */
function NumberedList({ after, children }: { after: number; children: ComponentChildren }) {
  return (
    <ol
      class="qlist"
      ref={(el) => {
        if (el) el.style.counterReset = `q ${after}`;
      }}
    >
      {children}
    </ol>
  );
}

/** Salary, after the work questions, with the last decision-maker who can discuss it. */
export function SalaryBlock({ person, last, after, children }: { person: Person; last: boolean; after: number; children: ComponentChildren }) {
  const id = `salary-${person.interviewer_id}`;
  const when = whenText(person, last);
  return (
    <div class="closing closing--salary" role="group" aria-labelledby={id}>
      <div class="closing__head">
        <h4 class="plan-label closing__label" id={id}>
          Salary, {when}
        </h4>
        <p class="closing__hint">
          {person.deciding ? "They decide on the hire: talk about pay once the work is covered." : "The last person you meet who can discuss pay."}
        </p>
      </div>
      <NumberedList after={after}>{children}</NumberedList>
    </div>
  );
}

/** Asked last of the day, after everything else (salary included), of the last person you meet. */
export function ClosingBlock({
  person,
  last,
  deciderName,
  after,
  children,
}: {
  person: Person;
  last: boolean;
  deciderName: string | null;
  after: number;
  children: ComponentChildren;
}) {
  const id = `closing-${person.interviewer_id}`;
  const who = person.deciding
    ? "They decide."
    : deciderName
      ? `${deciderName} decides: ask who will tell you, and when.`
      : "No one on the panel decides: ask who does.";
  return (
    <div class="closing" role="group" aria-labelledby={id}>
      <div class="closing__head">
        <h4 class="plan-label closing__label" id={id}>
          To close, {whenText(person, last)}
        </h4>
        <p class="closing__hint">
          {last ? `The last person you meet: ask what happens next and when you will hear. ${who}` : "You chose to ask these of them."}
        </p>
      </div>
      <NumberedList after={after}>{children}</NumberedList>
    </div>
  );
}

/** Badges that say how the user placed a question: by hand, every round. */
export function PlacementBadges({ q }: { q: Schemas["PlannedQuestionRead"] }) {
  return (
    <>
      {q.assigned && <span class="badge badge--accent">Given by you</span>}
      {q.recurring && <span class="badge">Every round</span>}
    </>
  );
}

/** Give the question to someone by hand, or ask it at the end, in this round only. */
export function Placement(props: {
  roundId: string;
  questionId: string;
  text: string;
  atEnd: boolean;
  entry: RoundQuestion | undefined;
  people: Person[];
}) {
  const set = useSetRoundQuestion(props.roundId);
  const change = (c: Schemas["RoundQuestionPatch"]) => set.mutate({ questionId: props.questionId, change: c });
  const given = props.entry?.interviewer_id ?? "";
  return (
    <div class="placement no-print" role="group" aria-label={`Placement: ${props.text}`}>
      <label class="placement__give">
        <span class="small">Give to</span>
        <select value={given} disabled={set.isPending} onChange={(e) => change({ interviewer_id: e.currentTarget.value || null })}>
          <option value="">Whoever the plan picks</option>
          {props.people.map((p) => (
            <option key={p.interviewer_id} value={p.interviewer_id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {/* A button, not a checkbox: the question moves to another list once the plan is redone. */}
      <button type="button" class="btn btn--secondary btn--small" disabled={set.isPending} onClick={() => change({ at_end: !props.atEnd })}>
        {props.atEnd ? "Do not ask it at the end" : "Ask it at the end"}
      </button>
      {props.entry?.at_end != null && (
        <button type="button" class="btn btn--ghost btn--small" onClick={() => change({ at_end: null })}>
          Use the question's own setting
        </button>
      )}
      <FormError error={set.error} />
    </div>
  );
}
