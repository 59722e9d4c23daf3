// Export and import of the whole account (Settings, "Your data"). Downloads are plain links to
// GET /api/v1/export and /api/v1/export.csv (the session cookie goes along); an import is checked
// with a dry run first, then run, and every cached query is refreshed after it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";

export type ImportSummary = Schemas["ImportSummary"];
export type ExportDocument = Schemas["ExportDocument"];

export const EXPORT_JSON_URL = "/api/v1/export";
export const EXPORT_CSV_URL = "/api/v1/export.csv";

export function useImportDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ document, dryRun }: { document: ExportDocument; dryRun: boolean }) =>
      unwrap(api.POST("/api/v1/import", { params: { query: { dry_run: dryRun } }, body: document })),
    onSuccess: (summary) => {
      if (!summary.dry_run) void qc.invalidateQueries();
    },
  });
}
