// The people of a round being added, typed in the same form: a name, a title and a role each. The
// round and its panel are made in one request (all or nothing).
import { useRoles } from "../../api/queries/roles";
import { limits } from "../../api/limits";

// The API's cap on people made with a round (RoundCreate.interviewers, maxItems).
const MAX_PEOPLE = 20;

export type PanelRow = { key: number; name: string; title: string; role_id: string };

export function PanelRows({ rows, onChange }: { rows: PanelRow[]; onChange: (rows: PanelRow[]) => void }) {
  const roles = useRoles().data ?? [];
  const set = (key: number, change: Partial<PanelRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const add = () =>
    onChange([...rows, { key: (rows.at(-1)?.key ?? 0) + 1, name: "", title: "", role_id: "" }]);
  return (
    <fieldset class="stack stack--tight field--wide">
      <legend>People you will meet</legend>
      {rows.length === 0 && <p class="muted small">Known already? Add them here; you can also add them later.</p>}
      <div class="panel-rows">
        {rows.map((r, index) => (
          <div class="panel-row" key={r.key}>
            <input
              aria-label={`Person ${index + 1}: name`}
              placeholder="Name"
              value={r.name}
              {...limits.InterviewerCreate.name}
              required
              onInput={(e) => set(r.key, { name: e.currentTarget.value })}
            />
            <input
              aria-label={`Person ${index + 1}: title`}
              placeholder="Title, e.g. Engineering manager"
              value={r.title}
              {...limits.InterviewerCreate.title}
              onInput={(e) => set(r.key, { title: e.currentTarget.value })}
            />
            <select
              aria-label={`Person ${index + 1}: role`}
              value={r.role_id}
              onChange={(e) => set(r.key, { role_id: e.currentTarget.value })}
            >
              <option value="">No role yet</option>
              {roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              class="btn btn--ghost btn--small"
              aria-label={`Remove person ${index + 1}`}
              onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
            >
              Remove
            </button>
          </div>
        ))}
      </div>
      {rows.length < MAX_PEOPLE && (
        <div>
          <button type="button" class="btn btn--secondary btn--small" onClick={add}>
            Add a person
          </button>
        </div>
      )}
    </fieldset>
  );
}
