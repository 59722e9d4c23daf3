/* The run sheet: who you meet when, with the breaks, in the round's own time zone, and what does
 * not fit. Everything comes from the plan (GET /rounds/{id}/plan): the server lays the panel out and
 * writes the warnings; this screen only reads the instants in the round's zone. */
import "./run-sheet.css";
import type { Schemas } from "../../api/client";
import { usePlan } from "../../api/queries/plan";
import type { Round } from "../../api/queries/rounds";
import { ErrorState, Loading } from "../../components/States";
import { useMe } from "../../api/queries/me";
import { formatDay, formatTime, yourClock, zoneShort } from "../../time";

type Person = Schemas["InterviewerPlanRead"];

/** Clock times in the round's zone (the app's time helpers, in the reader's language), with the
 * day added to a time that falls on another day than the start. */
function clock(zone: string) {
  return {
    time: (iso: string) => formatTime(iso, zone),
    day: (iso: string) => formatDay(iso, zone),
    abbreviation: (iso: string) => zoneShort(iso, zone),
  };
}

export function minutesText(n: number): string {
  return n === 1 ? "1 min" : `${n} min`;
}

/** "40 min meeting · 10 min for your questions (suggested)", as the plan counts them. */
export function timingText(person: Person): string {
  const meeting =
    person.cancelled
      ? "cancelled: their meeting's time is spare"
      : person.meeting_minutes == null
      ? "meeting length not set"
      : `${minutesText(person.meeting_minutes)} meeting${person.meeting_minutes_estimated ? " (estimated)" : ""}`;
  const questions = `${minutesText(person.minutes_available)} for your questions${person.question_minutes_suggested ? " (suggested)" : ""}`;
  if (person.cancelled) return meeting;
  const borrowed = (person.spare_minutes_used ?? 0) > 0 ? ` · ${minutesText(person.spare_minutes_used ?? 0)} of spare time for salary or the closing` : "";
  return `${meeting} · ${questions}${borrowed}`;
}

/** "115 of the round's 120 min planned, 5 min to spare", or what is missing to say it. */
function totalText(sheet: Schemas["RunSheetRead"]): string {
  const planned = sheet.planned_minutes;
  if (sheet.duration_minutes == null) return `${minutesText(planned)} planned · set the round's length to check it fits`;
  if (sheet.overrun_minutes > 0)
    return `${minutesText(planned)} planned, ${minutesText(sheet.overrun_minutes)} more than the round's ${minutesText(sheet.duration_minutes)}`;
  const spare = sheet.spare_minutes ?? 0;
  return `${planned} of the round's ${minutesText(sheet.duration_minutes)} planned${spare > 0 ? `, ${minutesText(spare)} to spare` : ""}`;
}

export function RunSheet({ round }: { round: Round }) {
  const plan = usePlan(round.id);
  const me = useMe();
  if (plan.isPending) return <Loading label="Laying out the run sheet" />;
  if (plan.isError) return <ErrorState error={plan.error} retry={() => plan.refetch()} />;
  const { run_sheet: sheet, interviewers: people, time_zone: zone } = plan.data;
  if (people.length === 0) return null; // the panel above says to add people first
  const fmt = clock(zone);
  const startDay = sheet.starts_at ? fmt.day(sheet.starts_at) : null;
  const at = (iso: string | null) => {
    if (!iso) return null;
    const day = fmt.day(iso);
    return day === startDay ? fmt.time(iso) : `${fmt.time(iso)} (${day})`;
  };
  const booked =
    sheet.starts_at && sheet.duration_minutes != null
      ? new Date(new Date(sheet.starts_at).getTime() + sheet.duration_minutes * 60_000).toISOString()
      : null;
  return (
    <section class="card run-sheet" aria-labelledby="run-sheet-title">
      <div class="section__head">
        <h2 id="run-sheet-title">Run sheet</h2>
        <p class="section__hint">
          {sheet.starts_at ? (
            <>
              {startDay} · times in {zone}
              {fmt.abbreviation(sheet.starts_at) !== zone ? ` (${fmt.abbreviation(sheet.starts_at)})` : ""}
            </>
          ) : (
            "Set the date and time under Schedule and place to see when you meet each person."
          )}
        </p>
      </div>
      {sheet.warnings.length > 0 && (
        <ul class="notice notice--warning run-sheet__warnings" aria-label="What does not fit">
          {sheet.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <ol class="run-sheet__list" aria-label="Meetings in order">
        {people.map((person, index) => {
          const last = index === people.length - 1;
          return (
            <li key={person.interviewer_id} class="run-sheet__item">
              <div class="run-sheet__row">
                <span class="run-sheet__time">
                  {person.starts_at ? (
                    <>
                      <time dateTime={person.starts_at}>{at(person.starts_at)}</time>
                      {person.ends_at && (
                        <>
                          –
                          <time dateTime={person.ends_at}>{at(person.ends_at)}</time>
                        </>
                      )}
                    </>
                  ) : (
                    <span class="muted">Time not known</span>
                  )}
                </span>
                <span class="run-sheet__who">
                  <span class={`run-sheet__name ${person.cancelled ? "struck" : ""}`}>{person.name}</span>
                  <span class="run-sheet__sub">
                    {[person.role_name, timingText(person)].filter(Boolean).join(" · ")}
                  </span>
                </span>
              </div>
              {person.starts_at && yourClock(person.starts_at, zone, me.data?.time_zone) && (
                <p class="run-sheet__yours">{yourClock(person.starts_at, zone, me.data?.time_zone)} your time</p>
              )}
              {!last && person.break_after_minutes > 0 && (
                <p class="run-sheet__break">Break · {minutesText(person.break_after_minutes)}</p>
              )}
            </li>
          );
        })}
      </ol>
      <p class={`run-sheet__total ${sheet.overrun_minutes > 0 ? "run-sheet__total--over" : ""}`}>
        {sheet.ends_at ? <>Ends at {at(sheet.ends_at)} · </> : null}
        {totalText(sheet)}
        {booked && sheet.ends_at !== booked && sheet.overrun_minutes > 0 ? ` (booked until ${at(booked)})` : ""}
      </p>
    </section>
  );
}
