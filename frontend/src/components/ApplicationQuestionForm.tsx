// A question written for one application: only that application's rounds plan it (the bank's
// questions serve every application). Used on the round screen and the application screen.
import { useState } from "preact/hooks";
import type { Schemas } from "../api/client";
import { useCreateQuestion, type Question } from "../api/queries/questions";
import { CATEGORIES, categoryLabel } from "../labels";
import { Field, FormFooter, useFormErrors } from "./Form";
import { limits } from "../api/limits";

type Direction = Schemas["Direction"];
const FIELDS = ["direction", "text", "category", "importance", "prepared_answer", "application_id"];

const IMPORTANCE_LABEL: Record<number, string> = {
  1: "1 · nice to know",
  2: "2",
  3: "3 · useful",
  4: "4",
  5: "5 · must know",
};

export function ApplicationQuestionForm(props: {
  applicationId: string;
  company: string;
  idPrefix: string;
  done: (created: Question) => void;
  cancel: () => void;
}) {
  const create = useCreateQuestion();
  const errors = useFormErrors(FIELDS);
  const [direction, setDirection] = useState<Direction>("ask");
  const p = props.idPrefix;
  return (
    <form
      data-unsaved="New question"
      class="stack"
      aria-label={`New question for ${props.company}`}
      onSubmit={errors.submit((v) => {
        create.mutate(
          {
            direction,
            text: v.text ?? "",
            category: v.category as Schemas["Category"],
            importance: Number(v.importance ?? 3),
            application_id: props.applicationId,
            ...(direction === "expect" ? { prepared_answer: v.prepared_answer } : {}),
          },
          { onSuccess: props.done, onError: errors.show },
        );
      })}
    >
      <fieldset class="row">
        <legend class="label">Who asks</legend>
        {(["ask", "expect"] as const).map((d) => (
          <label key={d} class="check">
            <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} />
            {d === "ask" ? "You ask them" : "They ask you"}
          </label>
        ))}
      </fieldset>
      <Field
        label="Question"
        name="text"
        id={`${p}-text`}
        hint={direction === "ask" ? `Something only ${props.company} can answer: their news, products, plans.` : undefined}
        error={errors.byField.text}
      >
        {(f) => <textarea {...f} rows={2} required {...limits.QuestionCreate.text} />}
      </Field>
      <Field label="Category" name="category" id={`${p}-category`} error={errors.byField.category}>
        {(f) => (
          <select {...f} required>
            {CATEGORIES.map((c) => (
              <option key={c} value={c} selected={c === "organization_vision"}>
                {categoryLabel[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Importance" name="importance" id={`${p}-importance`} error={errors.byField.importance}>
        {(f) => (
          <select {...f}>
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n} selected={n === 4}>
                {IMPORTANCE_LABEL[n]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {direction === "expect" && (
        <Field label="Your prepared answer" name="prepared_answer" id={`${p}-answer`} error={errors.byField.prepared_answer}>
          {(f) => <textarea {...f} rows={3} {...limits.QuestionCreate.prepared_answer} />}
        </Field>
      )}
      <FormFooter
        error={errors.general ?? (errors.byField.application_id ? new Error(errors.byField.application_id) : null)}
        pending={create.isPending}
        cancel={props.cancel}
        submit="Add question"
      />
    </form>
  );
}
