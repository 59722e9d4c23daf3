// The whole prep sheet, folded at the end of interview mode: there when the plan is not enough.
import type { UseQueryResult } from "@tanstack/react-query";

export function PrepSheetFold({ sheet }: { sheet: UseQueryResult<string> }) {
  if (!sheet.data) return null;
  return (
    <details class="interview__sheet">
      <summary>The whole prep sheet</summary>
      <pre class="sheet" tabIndex={0} aria-label="Prep sheet text">
        {sheet.data}
      </pre>
    </details>
  );
}
