// One person of the plan: whom you meet, what to ask them in order, what they will likely ask you.
import type { Schemas } from "../../api/client";
import type { RoundQuestion } from "../../api/queries/roundQuestions";
import { ClosingBlock, SalaryBlock } from "./Closing";
import { ExpectedQuestion } from "./ExpectedQuestion";
import { PlannedQuestion } from "./PlannedQuestion";

export function PlanCard(props: {
  roundId: string;
  applicationId: string;
  company: string;
  person: Schemas["InterviewerPlanRead"];
  step: number;
  entries: Map<string, RoundQuestion>;
  people: Schemas["InterviewerPlanRead"][];
  closingId: string | null;
  deciderName: string | null;
}) {
  const { person } = props;
  const last = props.closingId === person.interviewer_id;
  // Salary comes at the end of your time with this person, after the work questions.
  const work = person.questions.filter((q) => !q.closing && q.category !== "compensation");
  const salary = person.questions.filter((q) => !q.closing && q.category === "compensation");
  const closing = person.questions.filter((q) => q.closing);
  const item = (q: Schemas["PlannedQuestionRead"]) => (
    <PlannedQuestion
      key={q.question_id}
      roundId={props.roundId}
      personId={person.interviewer_id}
      q={q}
      entry={props.entries.get(q.question_id)}
      people={props.people}
    />
  );
  const used = Math.min(100, person.minutes_available ? (person.minutes_planned / person.minutes_available) * 100 : 0);
  return (
    <article class={`plan-card ${person.cancelled ? "plan-card--cancelled" : ""}`} aria-labelledby={`plan-${person.interviewer_id}`}>
      <header class="plan-card__head">
        <span class="plan-card__step" aria-hidden="true">
          {props.step}
        </span>
        <div class="plan-card__who">
          <h3 class={`plan-card__name ${person.cancelled ? "struck" : ""}`} id={`plan-${person.interviewer_id}`}>
            {person.name}
          </h3>
          <div class="plan-card__role">
            {[person.title, person.role_name].filter(Boolean).join(" · ")}
            {person.deciding && <span class="badge badge--accent plan-card__decides">Decides</span>}
            {person.cancelled && <span class="badge badge--warn">Cancelled</span>}
          </div>
        </div>
        <div class="minutes">
          <span>
            {person.minutes_planned} of {person.minutes_available} min
          </span>
          <span class="minutes__bar" aria-hidden="true">
            <span class="minutes__fill" ref={(el) => {
                if (el) el.style.width = `${used}%`;
              }} />
          </span>
        </div>
      </header>
      <div class="plan-card__body">
        {person.last_time && (
          <p class="small last-time" data-testid="last-time">
            {person.last_time.summary}
          </p>
        )}
        {(person.greeting || person.goals) && (
          <div class="grid-2">
            {person.greeting && (
              <div class="greeting">
                <span class="greeting__label">Greet them</span>
                <span class="greeting__text">{person.greeting}</span>
              </div>
            )}
            {person.goals && (
              <div class="greeting">
                <span class="greeting__label">What they care about</span>
                <span class="cares">{person.goals}</span>
              </div>
            )}
          </div>
        )}
        <div class="stack--tight">
          <h4 class="plan-label">{person.cancelled ? "Recorded with them" : "Ask, in this order"}</h4>
          {person.cancelled && (
            <p class="muted small">Cancelled: their other questions are planned with the others. What you recorded with them stays here.</p>
          )}
          {(person.spare_minutes_used ?? 0) > 0 && (
            <p class="small">Uses {person.spare_minutes_used ?? 0} min of the round's spare time, so salary or the closing is not left out.</p>
          )}
          {person.questions.length === 0 ? (
            !person.cancelled && <p class="muted small">No question fits this person's role and time. Give them more minutes or another role.</p>
          ) : (
            work.length > 0 && <ol class="qlist">{work.map(item)}</ol>
          )}
          {salary.length > 0 && (
            <SalaryBlock person={person} last={last} after={work.length}>
              {salary.map(item)}
            </SalaryBlock>
          )}
          {closing.length > 0 && (
            <ClosingBlock person={person} last={last} deciderName={props.deciderName} after={work.length + salary.length}>
              {closing.map(item)}
            </ClosingBlock>
          )}
        </div>
        {person.expect.length > 0 && (
          <div class="stack--tight">
            <h4 class="plan-label">They will likely ask you</h4>
            <ul class="expect">
              {person.expect.map((q) => (
                <ExpectedQuestion key={q.question_id} q={q} applicationId={props.applicationId} company={props.company} />
              ))}
            </ul>
          </div>
        )}
      </div>
    </article>
  );
}
