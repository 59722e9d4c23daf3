// Where the marks are: saved, waiting on the phone, or changed elsewhere (the user decides).
import { questionStatusLabel } from "../../labels";
import type { OfflineCopy } from "../../offline/serviceWorker";
import type { useMarks } from "../../offline/useMarks";

const copyWords: Record<OfflineCopy, string> = {
  kept: "Kept on this phone: this round opens and takes marks without a connection.",
  keeping: "Keeping this round on this phone for use without a connection…",
  unavailable: "This browser cannot keep the round for use without a connection: keep this page open.",
};

export function SyncStatus({ marks, offline }: { marks: ReturnType<typeof useMarks>; offline: OfflineCopy }) {
  const waiting = marks.pending.length;
  const tone = marks.conflicts.length ? "warn" : !marks.online || waiting ? "wait" : "ok";
  return (
    <>
      <p class={`sync sync--${tone}`} role="status">
        {!marks.online
          ? waiting
            ? `Offline: ${waiting} ${waiting === 1 ? "mark is" : "marks are"} kept on this phone and will be sent when you are back online.`
            : "Offline: you can still mark questions; they are sent when you are back online."
          : waiting
            ? `Sending ${waiting} ${waiting === 1 ? "mark" : "marks"}…`
            : marks.conflicts.length
              ? `Online: ${marks.conflicts.length} ${marks.conflicts.length === 1 ? "mark needs" : "marks need"} your choice below; the others are saved.`
              : "Online: every mark is saved."}
      </p>
      {marks.online && (
        <p class={`offline-copy offline-copy--${offline}`} role="status">
          {offline === "kept" && <span aria-hidden="true">✓ </span>}
          {copyWords[offline]}
        </p>
      )}
      {marks.conflicts.length > 0 && (
        <section class="sync-conflicts" role="alert" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title" class="sync-conflicts__title">
            {marks.conflicts.length === 1 ? "A mark was changed elsewhere" : `${marks.conflicts.length} marks were changed elsewhere`}
          </h2>
          <p class="small">While you were offline, these questions were marked on another device or tab. Nothing was overwritten: choose which to keep.</p>
          <ul class="sync-conflicts__list">
            {marks.conflicts.map((c) => (
              <li key={c.questionId} class="sync-conflicts__item">
                <span class="sync-conflicts__q">{c.text}</span>
                <span class="small">
                  {c.problem
                    ? `Not saved: ${c.problem}`
                    : `You marked it “${questionStatusLabel[c.status]}”; saved elsewhere as “${questionStatusLabel[c.theirs]}”.`}
                </span>
                <span class="sync-conflicts__actions">
                  {!c.problem && (
                    <button type="button" class="btn btn--primary" onClick={() => marks.settle(c, true)}>
                      Keep mine ({questionStatusLabel[c.status]})
                    </button>
                  )}
                  <button type="button" class="btn btn--secondary" onClick={() => marks.settle(c, false)}>
                    {c.problem ? "Dismiss" : `Keep ${questionStatusLabel[c.theirs]}`}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
