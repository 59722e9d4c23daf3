import { Link } from "wouter-preact";
import { isRoundFollowUp, offerFollowUps, useFollowUps, type FollowUp } from "../api/queries/followUps";
import { useRecordFollowUp } from "../api/queries/rounds";
import { FormError, formValues } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { useMe } from "../api/queries/me";
import { formatDate, roundKindLabel } from "../labels";
import { browserZone, formatDateTime, todayIn } from "../time";
import { limits } from "../api/limits";
import { CallCard } from "./follow-ups/CallCard";

export default function FollowUps() {
  const all = useFollowUps("all");
  // Due, overdue and upcoming by the account's calendar, as the server counts them.
  const today = todayIn(useMe().data?.time_zone ?? browserZone());
  const rounds = (all.data ?? []).filter(isRoundFollowUp);
  const offers = offerFollowUps(all.data);
  const open = rounds.filter((f) => !f.round.followed_up_at);
  const groups = [
    { id: "overdue", title: "Overdue", hint: "The decision date has passed: call today.", items: open.filter((f) => f.round.follow_up_on < today) },
    { id: "today", title: "Due today", hint: "", items: open.filter((f) => f.round.follow_up_on === today) },
    { id: "upcoming", title: "Upcoming", hint: "Nothing to do yet: they still have time to decide.", items: open.filter((f) => f.round.follow_up_on > today) },
  ];
  const done = rounds.filter((f) => f.round.followed_up_at);
  return (
    <Page title="Follow-ups" lead="When a decision is late, a short, friendly call keeps you in their mind. Here is whom to call, and when.">
      {all.isPending ? (
        <Loading label="Loading follow-ups" />
      ) : all.isError ? (
        <ErrorState error={all.error} retry={() => all.refetch()} />
      ) : all.data.length === 0 ? (
        <Empty title="No follow-ups">
          After an interview, record the outcome as “waiting for a decision” with the date they said they would decide:
          the follow-up call appears here.
        </Empty>
      ) : (
        <div class="stack">
          {offers.length > 0 && (
            <section class="section" aria-labelledby="fu-offers">
              <div class="section__head">
                <h2 id="fu-offers">
                  Offers to answer <span class="muted">({offers.length})</span>
                </h2>
                <p class="section__hint">The reminder stays until you accept or decline.</p>
              </div>
              <ul class="bank-list">
                {offers.map((f) => (
                  <li key={f.offer.id} class="bank-item">
                    <Link href="/offers">
                      <strong>{f.application.company}</strong> · {f.application.position}
                    </Link>
                    <p class="small">
                      <span class="badge badge--warn">Respond by {formatDate(f.offer.respond_by)}</span>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {groups.map(
            (g) =>
              g.items.length > 0 && (
                <section key={g.id} class="section" aria-labelledby={`fu-${g.id}`}>
                  <div class="section__head">
                    <h2 id={`fu-${g.id}`}>
                      {g.title} <span class="muted">({g.items.length})</span>
                    </h2>
                    {g.hint && <p class="section__hint">{g.hint}</p>}
                  </div>
                  <ul class="bank-list">
                    {g.items.map((f) => (
                      <FollowUpItem key={f.round.id} f={f} />
                    ))}
                  </ul>
                </section>
              ),
          )}
          {open.length === 0 && offers.length === 0 && <Empty title="You are up to date">Every follow-up is done.</Empty>}
          {done.length > 0 && (
            <section class="section" aria-labelledby="fu-done">
              <h2 id="fu-done" class="card__title">
                Done
              </h2>
              <ul class="bank-list">
                {done.map((f) => (
                  <li key={f.round.id} class="bank-item">
                    <div>
                      <strong>{f.application.company}</strong> · {roundKindLabel[f.round.kind]}
                    </div>
                    <p class="small muted">
                      Called {formatDateTime(f.round.followed_up_at, f.round.time_zone)}
                      {f.round.follow_up_note ? `: ${f.round.follow_up_note}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </Page>
  );
}

function FollowUpItem({ f }: { f: FollowUp }) {
  const record = useRecordFollowUp();
  const people = f.interviewers.map((p) => [p.name, p.title].filter(Boolean).join(", ")).join("; ");
  return (
    <li class="bank-item">
      <div class="follow">
        <div class="stack--tight">
          <div>
            <Link href={`/rounds/${f.round.id}`}>
              <strong>{f.application.company}</strong> · {f.application.position}
            </Link>
          </div>
          <p class="small">
            {roundKindLabel[f.round.kind]}
            {f.round.scheduled_at ? ` on ${formatDateTime(f.round.scheduled_at, f.round.time_zone)}` : ""}
            {f.round.decision_expected_by ? `; decision expected by ${formatDate(f.round.decision_expected_by)}` : ""}
          </p>
          {people && <p class="small muted">Whom to call: {people}</p>}
          <span class="badge badge--warn">Follow up on {formatDate(f.round.follow_up_on)}</span>
          <CallCard roundId={f.round.id} company={f.application.company} />
        </div>
        <form
          data-unsaved="Follow-up"
          class="stack--tight"
          onSubmit={(e) => {
            e.preventDefault();
            const v = formValues(e.currentTarget);
            // A call before the interview is possible (it was moved), but more often a slip: ask.
            const when = f.round.scheduled_at;
            if (when && new Date(when).getTime() > Date.now()) {
              const at = formatDateTime(when, f.round.time_zone);
              if (!confirm(`The interview is on ${at}, which has not come yet. Record the call anyway?`)) return;
            }
            record.mutate({ round: f.round, note: v.note, occurredAt: v.occurred_at, nextOn: v.next_follow_up_on });
          }}
        >
          <label class="visually-hidden" for={`note-${f.round.id}`}>
            Note about the call to {f.application.company} (optional)
          </label>
          <input id={`note-${f.round.id}`} name="note" {...limits.FollowUpRequest.note} placeholder="What they said (optional)" />
          <label class="small" for={`when-${f.round.id}`}>
            Time of the call (empty: now)
          </label>
          <input id={`when-${f.round.id}`} type="datetime-local" name="occurred_at" />
          <label class="small" for={`next-${f.round.id}`}>
            Call again on (optional)
          </label>
          <input id={`next-${f.round.id}`} type="date" name="next_follow_up_on" />
          <button class="btn btn--primary" disabled={record.isPending}>
            I called<span class="visually-hidden"> {f.application.company}</span>
          </button>
          <FormError error={record.error} />
        </form>
      </div>
    </li>
  );
}
