// The plan: one card per person in meeting order, then what was left out.
import { useMemo } from "preact/hooks";
import { usePlan } from "../../api/queries/plan";
import { useRoundQuestions } from "../../api/queries/roundQuestions";
import type { Round } from "../../api/queries/rounds";
import { Empty, ErrorState, Loading } from "../../components/States";
import { Backlog } from "./Backlog";
import { PlanCard } from "./PlanCard";


export function PlanSection({ round, company }: { round: Round; company: string }) {
  const plan = usePlan(round.id);
  const entries = useRoundQuestions(round.id);
  const byQuestion = useMemo(
    () => new Map((entries.data ?? []).map((e) => [e.question_id, e] as const)),
    [entries.data],
  );
  return (
    <section aria-labelledby="plan-title" class="stack">
      <div class="section__head">
        <h2 id="plan-title">Your plan</h2>
        <p class="section__hint">Whom to ask what, in order, in the time you have with each person.</p>
      </div>
      {plan.isPending ? (
        <Loading label="Planning" />
      ) : plan.isError ? (
        <ErrorState error={plan.error} retry={() => plan.refetch()} />
      ) : plan.data.interviewers.length === 0 ? (
        <Empty title="The plan appears when the panel is set">
          Add the people you will meet above; each gets the questions their role cares about most.
        </Empty>
      ) : (
        <div class="plan">
          {plan.data.interviewers.map((person, index) => (
            <PlanCard
              key={person.interviewer_id}
              roundId={round.id}
              applicationId={round.application_id}
              company={company}
              person={person}
              step={index + 1}
              entries={byQuestion}
              people={plan.data.interviewers}
              closingId={plan.data.closing_interviewer_id}
              deciderName={plan.data.interviewers.find((p) => p.interviewer_id === plan.data.deciding_interviewer_id)?.name ?? null}
            />
          ))}
          <Backlog
            roundId={round.id}
            backlog={plan.data.backlog}
            excluded={plan.data.excluded}
            entries={byQuestion}
            people={plan.data.interviewers}
          />
        </div>
      )}
    </section>
  );
}
