/* The time fields of a person on the panel: how long you meet them, the break after them, and the
 * minutes for your own questions (left empty, the plan suggests them from the meeting's length). */
import type { Schemas } from "../../api/client";
import type { Interviewer } from "../../api/queries/interviewers";
import { usePlan } from "../../api/queries/plan";
import { Field, numberOrNull } from "../../components/Form";
import { minutesText, timingText } from "./RunSheet";
import { limits } from "../../api/limits";

export const TIME_FIELDS = ["meeting_minutes", "break_after_minutes", "question_minutes"] as const;

/** The time fields of a submitted form, as the API takes them (empty question minutes: suggested). */
export function timeValues(v: Record<string, string | null>) {
  return {
    meeting_minutes: numberOrNull(v.meeting_minutes),
    break_after_minutes: numberOrNull(v.break_after_minutes) ?? 0,
    question_minutes: numberOrNull(v.question_minutes),
  };
}

/** What the plan made of this person's time, when it has them. */
export function usePlannedTime(roundId: string, personId: string | undefined): Schemas["InterviewerPlanRead"] | undefined {
  const plan = usePlan(roundId);
  return personId ? plan.data?.interviewers.find((p) => p.interviewer_id === personId) : undefined;
}

/** The panel's one-line summary of a person's time, as the plan counts it. */
export function PersonTiming({ roundId, person }: { roundId: string; person: Interviewer }) {
  const planned = usePlannedTime(roundId, person.id);
  if (planned) return <>{timingText(planned)}</>;
  const meeting = person.meeting_minutes == null ? "meeting length not set" : `${minutesText(person.meeting_minutes)} meeting`;
  return <>{person.question_minutes == null ? meeting : `${meeting} · ${minutesText(person.question_minutes)} for your questions`}</>;
}

export function PersonTimeFields(props: {
  roundId: string;
  prefix: string;
  person?: Interviewer;
  errors: Record<string, string | undefined>;
}) {
  const { person, prefix, errors } = props;
  const planned = usePlannedTime(props.roundId, person?.id);
  const suggestion =
    person?.question_minutes == null && planned?.question_minutes_suggested
      ? `Leave empty for the suggestion: ${minutesText(planned.minutes_available)} now.`
      : "Leave empty for a suggestion: about a quarter of the meeting.";
  return (
    <>
      <Field
        label="Meeting length (minutes)"
        name="meeting_minutes"
        id={`${prefix}-meeting`}
        hint={
          planned?.meeting_minutes_estimated && person?.meeting_minutes == null
            ? `Estimated from the round's length: ${minutesText(planned.meeting_minutes ?? 0)}.`
            : "How long you are with them."
        }
        error={errors.meeting_minutes}
      >
        {(p) => <input {...p} type="number" inputMode="numeric" {...limits.InterviewerUpdate.meeting_minutes} defaultValue={person?.meeting_minutes ?? ""} />}
      </Field>
      <Field
        label="Break after (minutes)"
        name="break_after_minutes"
        id={`${prefix}-break`}
        hint="Before the next person."
        error={errors.break_after_minutes}
      >
        {(p) => <input {...p} type="number" inputMode="numeric" {...limits.InterviewerUpdate.break_after_minutes} defaultValue={person?.break_after_minutes ?? 0} />}
      </Field>
      <Field
        label="Minutes for your questions"
        name="question_minutes"
        id={`${prefix}-minutes`}
        hint={suggestion}
        error={errors.question_minutes}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            {...limits.InterviewerUpdate.question_minutes}
            placeholder={planned?.question_minutes_suggested ? String(planned.minutes_available) : "Suggested"}
            defaultValue={person?.question_minutes ?? ""}
          />
        )}
      </Field>
    </>
  );
}
