// The frame of the round's own forms (schedule, outcome): a card, a form that starts afresh only
// when what it shows of the round changes, a "Saved" note, and one write of the round.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useUpdateRound, type Round } from "../../api/queries/rounds";
import { FormFooter, useFormErrors } from "../../components/Form";

type Values = Record<string, string | null>;

/** What one form shows of the round: the form starts afresh when that changes (a save, a reload),
 * and keeps what the user typed when only another part of the round changed. */
function shownVersion(round: Round, fields: readonly (keyof Round)[]): string {
  return JSON.stringify(fields.map((f) => round[f]));
}

export function RoundForm(props: {
  round: Round;
  id: string;
  title: string;
  submit: string;
  fields: readonly (keyof Round & string)[];
  body: (v: Values) => Schemas["RoundUpdate"];
  notes?: ComponentChildren;
  /** A question to confirm before saving values the user may not mean (null: nothing to ask). */
  confirm?: (v: Values) => string | null;
  children: (errors: Record<string, string>) => ComponentChildren;
}) {
  const update = useUpdateRound();
  const errors = useFormErrors(props.fields);
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id} class="card__title">
        {props.title}
      </h2>
      {props.notes}
      <form
        data-unsaved="Round details"
        class="stack"
        key={shownVersion(props.round, props.fields)}
        onSubmit={errors.submit((v) => {
          setSaved(false);
          const question = props.confirm?.(v);
          if (question && !confirm(question)) return;
          update.mutate({ round: props.round, body: props.body(v) }, { onSuccess: () => setSaved(true), onError: errors.show });
        })}
      >
        {props.children(errors.byField)}
        <FormFooter error={errors.general} pending={update.isPending} saved={saved && "Saved"} submit={props.submit} />
      </form>
    </section>
  );
}
