// A question they will likely ask you, with the answer you prepared for it.
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useQuestion, useUpdateQuestion } from "../../api/queries/questions";
import { Field, FormFooter, useFormErrors } from "../../components/Form";
import { limits } from "../../api/limits";

export function ExpectedQuestion({ q }: { q: Schemas["ExpectedQuestionRead"] }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateQuestion();
  // The question's current version, read when the user opens the form: the write goes with it.
  const question = useQuestion(q.question_id, open);
  const errors = useFormErrors(["prepared_answer"]);
  return (
    <li>
      <span class="q__text">{q.text}</span>
      {q.prepared_answer && !open ? (
        <p class="expect__answer">
          <span class="visually-hidden">Your prepared answer: </span>
          {q.prepared_answer}
        </p>
      ) : (
        !open && <p class="expect__answer muted">No answer prepared yet.</p>
      )}
      {open ? (
        <form
          data-unsaved="Prepared answer"
          class="stack--tight no-print"
          onSubmit={errors.submit((v) => {
            if (question.data) {
              update.mutate({ question: question.data, body: { prepared_answer: v.prepared_answer } }, { onSuccess: () => setOpen(false), onError: errors.show });
            }
          })}
        >
          <Field label="Your prepared answer" name="prepared_answer" id={`answer-${q.question_id}`} error={errors.byField.prepared_answer}>
            {(p) => <textarea {...p} rows={4} {...limits.QuestionUpdate.prepared_answer} defaultValue={q.prepared_answer ?? ""} />}
          </Field>
          <FormFooter
            error={errors.general ?? question.error}
            pending={update.isPending || !question.data}
            cancel={() => setOpen(false)}
            submit="Save answer"
            small
          />
        </form>
      ) : (
        <div class="q__actions">
          <button type="button" class="btn btn--ghost btn--small" onClick={() => setOpen(true)}>
            {q.prepared_answer ? "Edit answer" : "Prepare an answer"}
            <span class="visually-hidden"> to: {q.text}</span>
          </button>
        </div>
      )}
    </li>
  );
}
