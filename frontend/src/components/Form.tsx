// Native forms: the browser checks the HTML constraints (which mirror the API schema), the server
// has the last word, and its 422 field errors are shown beside the field they name.
import type { ComponentChildren, JSX } from "preact";
import { useState } from "preact/hooks";
import { ApiError, messageOf } from "../api/client";
import { ConflictNote } from "./States";

export type FieldProps = {
  id: string;
  name: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

export function Field(props: {
  label: string;
  name: string;
  id?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  class?: string;
  children: (p: FieldProps) => JSX.Element;
}) {
  const id = props.id ?? `f-${props.name}`;
  const described = [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={`field ${props.class ?? ""} ${props.error ? "field--invalid" : ""}`}>
      <label for={id}>{props.label}</label>
      {props.children({
        id,
        name: props.name,
        ...(props.error ? { "aria-invalid": true } : {}),
        ...(described ? { "aria-describedby": described } : {}),
      })}
      {props.hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** Errors of one form: by field for the 422s the form shows, and one line for the rest. */
export function useFormErrors(fields: readonly string[]) {
  const [byField, setByField] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);
  return {
    byField,
    general,
    clear() {
      setByField({});
      setGeneral(null);
    },
    /** A form's submit handler: no page load, the last errors cleared, the values handed over. */
    submit(handle: (values: Record<string, string | null>, form: HTMLFormElement) => void) {
      return (event: Event) => {
        event.preventDefault();
        setByField({});
        setGeneral(null);
        const form = event.currentTarget as HTMLFormElement;
        handle(formValues(form), form);
      };
    },
    show(error: unknown) {
      if (error instanceof ApiError && error.status === 422) {
        const all = error.fieldErrors();
        const mine = Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k)));
        setByField(mine);
        const rest = Object.entries(all).filter(([k]) => !fields.includes(k));
        // Each message is a sentence that names its field (the API words it), so it stands alone.
        setGeneral(rest.length ? new Error(rest.map(([, m]) => m).join(" ")) : null);
        // Move focus to the first field the server refused, as the browser does for its own checks.
        const first = Object.keys(mine)[0];
        if (first) queueMicrotask(() => document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus());
      } else {
        setByField({});
        setGeneral(error);
      }
    },
  };
}

/** The end of a form: what went wrong, a "Saved" note after a save, Cancel, and the submit button. */
export function FormFooter(props: {
  error: unknown;
  pending: boolean;
  submit: ComponentChildren;
  saved?: string | false;
  cancel?: () => void;
  small?: boolean;
}) {
  const size = props.small ? " btn--small" : "";
  return (
    <>
      <FormError error={props.error} />
      <div class="form-actions">
        {props.saved && (
          <span class="muted small" role="status">
            {props.saved}
          </span>
        )}
        {props.cancel && (
          <button type="button" class={`btn btn--ghost${size}`} data-discard onClick={props.cancel}>
            Cancel
          </button>
        )}
        <button class={`btn btn--primary${size}`} disabled={props.pending}>
          {props.submit}
        </button>
      </div>
    </>
  );
}

/** A select's options from a label map (value -> words), with the current value selected. */
export function LabelOptions<K extends string>({ labels, selected }: { labels: Record<K, string>; selected: K }) {
  return (
    <>
      {(Object.keys(labels) as K[]).map((k) => (
        <option key={k} value={k} selected={k === selected}>
          {labels[k]}
        </option>
      ))}
    </>
  );
}

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 412) return <ConflictNote error={error} />;
  return (
    <p class="form-error" role="alert">
      {error instanceof ApiError ? messageOf(error) : error instanceof Error ? error.message : messageOf(error)}
    </p>
  );
}

/** The form's values by name; empty text becomes null so optional fields are cleared, not sent as "". */
export function formValues(form: HTMLFormElement): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of new FormData(form).entries()) {
    const text = typeof v === "string" ? v.trim() : "";
    out[k] = text === "" ? null : text;
  }
  return out;
}

export function numberOrNull(value: string | null | undefined): number | null {
  if (value == null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
