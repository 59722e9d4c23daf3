// The queue of marks for one round, as the screen sees it, and when to send it: at once, when the
// connection returns, when the app comes back to the foreground, and every 20 s while some wait.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { RoundQuestion } from "../api/queries/roundQuestions";
import { queueMark, readMarks, sendMarks, settleConflict, subscribeMarks, type MarkConflict, type MarkStatus } from "./marks";

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

export function useMarks(accountId: string, roundId: string) {
  const qc = useQueryClient();
  const online = useOnline();
  const [stored, setStored] = useState(() => readMarks(accountId));
  const [sending, setSending] = useState(false);
  useEffect(() => subscribeMarks(() => setStored(readMarks(accountId))), [accountId]);

  const send = useCallback(async (): Promise<void> => {
    if (!navigator.onLine) return;
    setSending(true);
    let result;
    try {
      result = await sendMarks(qc, accountId, roundId);
    } finally {
      setSending(false);
    }
    // A mark made while the queue was on its way goes right after it, not at the next 20 s tick.
    if (result === "busy") window.setTimeout(() => void send(), 300);
    else if (result === "done" && readMarks(accountId).pending.some((p) => p.roundId === roundId)) void send();
  }, [qc, accountId, roundId]);

  const pending = stored.pending.filter((p) => p.roundId === roundId);
  const conflicts = stored.conflicts.filter((c) => c.roundId === roundId);
  const waiting = pending.length > 0;

  useEffect(() => {
    if (online) void send();
  }, [online, send]);
  useEffect(() => {
    if (!waiting) return;
    const onVisible = () => document.visibilityState === "visible" && void send();
    document.addEventListener("visibilitychange", onVisible);
    const timer = window.setInterval(() => void send(), 20_000);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.clearInterval(timer);
    };
  }, [waiting, send]);

  return {
    online,
    sending,
    pending,
    conflicts,
    /** The status to show: the queued mark's when one waits, else the saved one. */
    statusOf(questionId: string, entry: RoundQuestion | undefined): MarkStatus {
      return pending.find((p) => p.questionId === questionId)?.status ?? entry?.status ?? "planned";
    },
    isQueued: (questionId: string) => pending.some((p) => p.questionId === questionId),
    mark(question: { question_id: string; text: string }, status: MarkStatus, entry: RoundQuestion | undefined) {
      queueMark(accountId, { roundId, questionId: question.question_id, text: question.text, status }, entry);
      void send();
    },
    settle(conflict: MarkConflict, keepMine: boolean) {
      settleConflict(accountId, conflict, keepMine);
      if (keepMine) void send();
    },
  };
}
