// The table: every application in a row, sorted by a column (or, on a phone, from a menu).
import { useMemo, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import type { Application } from "../../api/queries/applications";
import { useMe } from "../../api/queries/me";
import { APPLICATION_STATUSES, formatSalary } from "../../labels";
import { browserZone, formatDay } from "../../time";
import { MoveMenu } from "./MoveMenu";

type SortKey = "company" | "position" | "status" | "updated_at";

export function Table({ apps }: { apps: Application[] }) {
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
