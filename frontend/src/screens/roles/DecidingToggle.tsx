/* Whether people in a role decide on the hire: the last of them on a panel gets the closing block. */
import { useState } from "preact/hooks";
import { useUpdateRole, type Role } from "../../api/queries/roles";
import { FormError } from "../../components/Form";

export const DECIDING_LABEL = "Decides on the hire";
export const DECIDING_HINT = "The last person in a deciding role gets your closing questions.";

export function DecidingToggle({ role }: { role: Role }) {
  const update = useUpdateRole();
  // Shown at once; put back if the server refuses.
  const [on, setOn] = useState(role.deciding);
  return (
    <div class="stack--tight">
      <label class="check" for="role-deciding">
        <input
          id="role-deciding"
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const deciding = e.currentTarget.checked;
            setOn(deciding);
            update.mutate({ role, body: { deciding } }, { onError: () => setOn(!deciding) });
          }}
        />
        {DECIDING_LABEL}
      </label>
      <p class="small muted">{DECIDING_HINT}</p>
      <FormError error={update.error} />
    </div>
  );
}
