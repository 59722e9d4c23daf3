import { useMemo, useState } from "preact/hooks";
import { Link, useLocation, useSearch } from "wouter-preact";
import type { Schemas } from "../api/client";
import { useApplicationWrites, useApplications, useCreateApplication, useUpdateApplication, type Application } from "../api/queries/applications";
import { useMe } from "../api/queries/me";
import { Field, FormError, formValues, useFormErrors } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { RoundGlance } from "./applications/RoundGlance";
import { ACTIVE_STATUSES, APPLICATION_STATUSES, CLOSED_STATUSES, applicationStatusLabel, formatSalary } from "../labels";
import { browserZone, formatDay } from "../time";

type Status = Schemas["ApplicationStatus"];
type SortKey = "company" | "position" | "status" | "updated_at";

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

function QuickAdd() {
  const create = useCreateApplication();
  const errors = useFormErrors(["company", "position"]);
  const [, navigate] = useLocation();
  return (
    <form
      class="card quick-add"
      aria-labelledby="quick-add-title"
      onSubmit={(event) => {
        event.preventDefault();
        errors.clear();
        const form = event.currentTarget;
        const v = formValues(form);
        create.mutate(
          { company: v.company ?? "", position: v.position ?? "" },
          {
            onSuccess: (app) => {
              form.reset();
              navigate(`/applications/${app.id}`);
            },
            onError: errors.show,
          },
        );
      }}
    >
      <h2 id="quick-add-title" class="quick-add__title">
        Add an application
      </h2>
      <Field label="Company" name="company" error={errors.byField.company}>
        {(p) => <input {...p} required maxLength={200} placeholder="e.g. Halvorsen Research" />}
      </Field>
      <Field label="Position" name="position" error={errors.byField.position}>
        {(p) => <input {...p} required maxLength={200} placeholder="e.g. Data analyst" />}
      </Field>
      <button class="btn btn--primary" disabled={create.isPending}>
        {create.isPending ? "Adding…" : "Add application"}
      </button>
      <FormError error={errors.general} />
    </form>
  );
}

function MoveMenu({ app }: { app: Application }) {
  const update = useUpdateApplication();
  // One move at a time: the next one goes with the version the last one left.
  const moving = useApplicationWrites(app.id) > 0;
  return (
    <>
      <label class="visually-hidden" for={`move-${app.id}`}>
        Move {app.company} to
      </label>
      <select
        id={`move-${app.id}`}
        value={app.status}
        disabled={moving}
        onChange={(e) => update.mutate({ app, body: { status: e.currentTarget.value as Status } })}
      >
        {APPLICATION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s === app.status ? applicationStatusLabel[s] : `Move to ${applicationStatusLabel[s].toLowerCase()}`}
          </option>
        ))}
      </select>
    </>
  );
}

function Board({ apps }: { apps: Application[] }) {
  const update = useUpdateApplication();
  const [over, setOver] = useState<Status | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const closed = apps.filter((a) => CLOSED_STATUSES.includes(a.status));

  function column(status: Status) {
    const items = apps.filter((a) => a.status === status);
    return (
      <section
        key={status}
        class={`column ${over === status ? "column--over" : ""}`}
        aria-labelledby={`col-${status}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(status);
        }}
        onDragLeave={() => setOver((s) => (s === status ? null : s))}
        onDrop={(e) => {
          e.preventDefault();
          setOver(null);
          const id = e.dataTransfer?.getData("text/plain");
          const app = apps.find((a) => a.id === id);
          if (app && app.status !== status) update.mutate({ app, body: { status } });
        }}
      >
        <div class="column__head">
          <h2 id={`col-${status}`}>{applicationStatusLabel[status]}</h2>
          <span class="column__count" aria-label={`${items.length} applications`}>
            {items.length}
          </span>
        </div>
        {items.length === 0 ? (
          <p class="column__empty">Drop a card here, or use a card's menu.</p>
        ) : (
          items.map((a) => (
            <article
              key={a.id}
              class={`app-card ${dragging === a.id ? "app-card--dragging" : ""}`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer?.setData("text/plain", a.id);
                setDragging(a.id);
              }}
              onDragEnd={() => setDragging(null)}
            >
              <Link href={`/applications/${a.id}`} class="app-card__company">
                {a.company}
              </Link>
              <span class="app-card__position">{a.position}</span>
              {(a.location || a.salary_min != null || a.salary_max != null) && (
                <span class="app-card__meta">
                  {[a.location, formatSalary(a.salary_min, a.salary_max, a.salary_currency)].filter(Boolean).join(" · ")}
                </span>
              )}
              <RoundGlance applicationId={a.id} />
              <MoveMenu app={a} />
            </article>
          ))
        )}
      </section>
    );
  }

  return (
    <>
      <div class="board">{ACTIVE_STATUSES.map(column)}</div>
      <details class="closed">
        <summary>
          Archived: accepted, rejected and withdrawn ({closed.length})
        </summary>
        <div class="board">{CLOSED_STATUSES.map(column)}</div>
      </details>
    </>
  );
}

function Table({ apps }: { apps: Application[] }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "updated_at", dir: -1 });
  const zone = useMe().data?.time_zone ?? browserZone();
  const sorted = useMemo(() => {
    const rank = (a: Application) => APPLICATION_STATUSES.indexOf(a.status);
    return [...apps].sort((a, b) => {
      const d =
        sort.key === "status"
          ? rank(a) - rank(b)
          : String(a[sort.key]).localeCompare(String(b[sort.key]), undefined, { sensitivity: "base" });
      return d * sort.dir;
    });
  }, [apps, sort]);

  function header(key: SortKey, label: string) {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.dir === 1 ? "ascending" : "descending") : "none"}>
        <button type="button" onClick={() => setSort({ key, dir: active ? (sort.dir === 1 ? -1 : 1) : 1 })}>
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 1 ? "▲" : "▼") : "↕"}</span>
        </button>
      </th>
    );
  }

  const sortOptions: [string, string][] = [
    ["updated_at:-1", "Recently updated"],
    ["company:1", "Company, A to Z"],
    ["company:-1", "Company, Z to A"],
    ["position:1", "Position, A to Z"],
    ["status:1", "Stage"],
  ];
  return (
    <>
    <div class="field phone-only sort-select">
      <label for="sort-by">Sort by</label>
      <select
        id="sort-by"
        onChange={(e) => {
          const [key, dir] = e.currentTarget.value.split(":");
          setSort({ key: key as SortKey, dir: dir === "1" ? 1 : -1 });
        }}
      >
        {sortOptions.map(([value, label]) => (
          <option key={value} value={value} selected={value === `${sort.key}:${sort.dir}`}>
            {label}
          </option>
        ))}
      </select>
    </div>
    <div class="table-wrap">
      <table class="table--stack">
        <caption class="visually-hidden">Applications, sortable by column</caption>
        <thead>
          <tr>
            {header("company", "Company")}
            {header("position", "Position")}
            {header("status", "Status")}
            <th scope="col">Salary</th>
            {header("updated_at", "Updated")}
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/applications/${a.id}`}>{a.company}</Link>
              </td>
              <td data-label="Position">{a.position}</td>
              <td data-label="Status">
                <MoveMenu app={a} />
              </td>
              <td data-label="Salary">{formatSalary(a.salary_min, a.salary_max, a.salary_currency) || "—"}</td>
              <td data-label="Updated">{formatDay(a.updated_at, zone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}
