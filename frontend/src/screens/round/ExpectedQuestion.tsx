// A question they will likely ask you, with the answer that applies here (this company's own, or
// your general one), the tip for it, and a form that asks whom a new answer is for.
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useApplicationAnswers, usePutApplicationAnswer } from "../../api/queries/answers";
import { useQuestion, useUpdateQuestion } from "../../api/queries/questions";
import { Field, FormFooter, useFormErrors } from "../../components/Form";
import { limits } from "../../api/limits";

type Scope = "application" | "bank";

export function ExpectedQuestion(props: { q: Schemas["ExpectedQuestionRead"]; applicationId: string; company: string }) {
  const { q, applicationId, company } = props;
  const [open, setOpen] = useState(false);
  // Default: this company only, so an answer written for one company never shows at another.
  const [scope, setScope] = useState<Scope>("application");
  const update = useUpdateQuestion();
  const put = usePutApplicationAnswer(applicationId);
  // The current versions, read when the user opens the form: the write goes with them (If-Match).
  const question = useQuestion(q.question_id, open && scope === "bank");
  const answers = useApplicationAnswers(applicationId, open && scope === "application");
  const errors = useFormErrors(["answer", "prepared_answer"]);
  const fromApplication = q.prepared_answer_source === "application";
  const ready = scope === "bank" ? !!question.data : !!answers.data;
  const pending = update.isPending || put.isPending || !ready;
  const save = (text: string) => {
    const done = { onSuccess: () => setOpen(false), onError: errors.show };
    if (scope === "bank") {
      if (question.data) update.mutate({ question: question.data, body: { prepared_answer: text || null } }, done);
    } else if (answers.data) {
      const current = answers.data.find((a) => a.question_id === q.question_id);
      put.mutate({ questionId: q.question_id, answer: text, current }, done);
    }
  };
  return (
    <li>
      <span class="q__text">{q.text}</span>
      {!open &&
        (q.prepared_answer ? (
          <p class="expect__answer">
            <span class="expect__whose">{fromApplication ? `Your answer for ${company}` : "Your general answer"}: </span>
            {q.prepared_answer}
          </p>
        ) : (
          <p class="expect__answer muted">No answer prepared yet.</p>
        ))}
      {q.tip && (
        <p class="expect__tip">
          <span class="expect__tip-label">Tip</span> {q.tip}
        </p>
      )}
      {open ? (
        <form data-unsaved="Prepared answer" class="stack--tight no-print" onSubmit={errors.submit((v) => save((v.answer ?? "").trim()))}>
          <Field
            label="Your prepared answer"
            name="answer"
            id={`answer-${q.question_id}`}
            error={errors.byField.answer ?? errors.byField.prepared_answer}
          >
            {(p) => <textarea {...p} rows={4} {...limits.QuestionUpdate.prepared_answer} defaultValue={q.prepared_answer ?? ""} />}
          </Field>
          <fieldset class="stack--tight expect__scope">
            <legend class="label">This answer is for</legend>
            <label class="check">
              <input type="radio" name={`scope-${q.question_id}`} value="application" checked={scope === "application"} onChange={() => setScope("application")} />
              {company} only
            </label>
            <label class="check">
              <input type="radio" name={`scope-${q.question_id}`} value="bank" checked={scope === "bank"} onChange={() => setScope("bank")} />
              Every application
            </label>
            {scope === "bank" && fromApplication && (
              <p class="muted small">{company} keeps its own answer; the general one applies to the other applications.</p>
            )}
          </fieldset>
          <FormFooter
            error={errors.general ?? question.error ?? answers.error}
            pending={pending}
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
