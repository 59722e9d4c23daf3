import { useMemo, useState } from "preact/hooks";
import { useLocation, useSearch } from "wouter-preact";
import { useApplications } from "../api/queries/applications";
import { Field } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { Board } from "./applications/Board";
import { ImportPosting } from "./applications/ImportPosting";
import { QuickAdd } from "./applications/QuickAdd";
import { Table } from "./applications/Table";

export default function Applications() {
  const apps = useApplications();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const view = search.get("view") === "table" ? "table" : "board";
  const [query, setQuery] = useState("");

  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = apps.data ?? [];
    if (!q) return list;
    return list.filter((a) =>
      [a.company, a.position, a.location ?? "", a.source ?? ""].some((t) => t.toLowerCase().includes(q)),
    );
  }, [apps.data, query]);

  return (
    <Page
      title="Applications"
      lead="Every job you are pursuing, by stage. Open one to plan its next interview."
      wide
    >
      <QuickAdd />
      <ImportPosting />
      <div class="toolbar toolbar--spaced">
        <Field label="Search" name="search">
          {(p) => (
            <input
              {...p}
              type="search"
              placeholder="Company, position, place or source"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="segmented" role="group" aria-label="View">
          <button type="button" class="btn btn--ghost" aria-pressed={view === "board"} onClick={() => navigate("/")}>
            Board
          </button>
          <button type="button" class="btn btn--ghost" aria-pressed={view === "table"} onClick={() => navigate("/?view=table")}>
            Table
          </button>
        </div>
      </div>
      {apps.isPending ? (
        <Loading label="Loading your applications" />
      ) : apps.isError ? (
        <ErrorState error={apps.error} retry={() => apps.refetch()} />
      ) : apps.data.length === 0 ? (
        <Empty title="No applications yet">
          Add the company and the position above. You can fill in the rest, and add interview rounds, later.
        </Empty>
      ) : filtered.length === 0 ? (
        <Empty title={`Nothing matches “${query}”`}>Try part of the company's name or of the position.</Empty>
      ) : view === "board" ? (
        <Board apps={filtered} />
      ) : (
        <Table apps={filtered} />
      )}
    </Page>
  );
}
