// A searchable time zone picker: a text field with the browser's zone list as suggestions (typing
// "berl" offers Europe/Berlin). The server has the last word; an unknown name comes back as a 422
// shown under the field.
import { useMemo } from "preact/hooks";
import { browserZone, zoneNames } from "../time";
import { Field } from "./Form";
import { limits } from "../api/limits";

export function ZoneField(props: {
  name?: string;
  id: string;
  label?: string;
  defaultValue: string;
  hint?: string;
  error?: string | undefined;
  class?: string;
}) {
  const names = useMemo(zoneNames, []);
  const listId = `${props.id}-zones`;
  return (
    <Field
      label={props.label ?? "Time zone"}
      name={props.name ?? "time_zone"}
      id={props.id}
      hint={props.hint}
      error={props.error}
      {...(props.class ? { class: props.class } : {})}
    >
      {(p) => (
        <>
          <input
            {...p}
            type="text"
            list={listId}
            required
            {...limits.RoundUpdate.time_zone}
            autoComplete="off"
            spellcheck={false}
            placeholder={browserZone()}
            defaultValue={props.defaultValue}
          />
          <datalist id={listId}>
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
