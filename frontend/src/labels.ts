// Words shown for the API's enumerations, and small formatting helpers.
import type { Schemas } from "./api/client";

export const APPLICATION_STATUSES: Schemas["ApplicationStatus"][] = [
  "wishlist", "applied", "interviewing", "offer", "accepted", "rejected", "withdrawn",
];
export const ACTIVE_STATUSES: Schemas["ApplicationStatus"][] = ["wishlist", "applied", "interviewing", "offer"];
export const CLOSED_STATUSES: Schemas["ApplicationStatus"][] = ["accepted", "rejected", "withdrawn"];

export const applicationStatusLabel: Record<Schemas["ApplicationStatus"], string> = {
  wishlist: "Wishlist",
  applied: "Applied",
  interviewing: "Interviewing",
  offer: "Offer",
  accepted: "Accepted",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export const roundKindLabel: Record<Schemas["RoundKind"], string> = {
  screen: "Screening",
  first: "First interview",
  second: "Second interview",
  final: "Final interview",
  other: "Interview",
};

export const roundStatusLabel: Record<Schemas["RoundStatus"], string> = {
  planned: "Planned",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const outcomeLabel: Record<Schemas["Outcome"], string> = {
  pending: "Waiting for a decision",
  next_round: "Invited to a next round",
  verbal_offer: "Verbal offer",
  written_offer: "Written offer",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export const CATEGORIES: Schemas["Category"][] = [
  "job_description", "evaluation_process", "professional_development", "organization_vision", "teamwork",
  "deadlines_efficiency", "long_term_goals", "skills_experience", "logistics", "compensation",
];

export const categoryLabel: Record<Schemas["Category"], string> = {
  job_description: "Job description",
  evaluation_process: "Evaluation",
  professional_development: "Professional development",
  organization_vision: "Company vision",
  teamwork: "Teamwork",
  deadlines_efficiency: "Deadlines & efficiency",
  long_term_goals: "Long-term goals",
  skills_experience: "Skills & experience",
  logistics: "Logistics",
  compensation: "Salary & benefits",
};

export const questionStatusLabel: Record<Schemas["RoundQuestionStatus"], string> = {
  planned: "Planned",
  asked: "Asked",
  answered: "Answered",
  skipped: "Skipped",
};

const dateTime = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const dateOnly = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : "Not scheduled";
}

/** An ISO date (YYYY-MM-DD) shown in words, read as a calendar day (no time zone shift). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const [y, m, d] = isoDate.split("-").map(Number);
  return dateOnly.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** A `datetime-local` input's value for an ISO instant, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as ISO 8601 with the browser's offset (the API wants an offset). */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  return new Date(value).toISOString();
}

export function formatSalary(min: number | null, max: number | null, currency: string | null): string {
  if (min == null && max == null) return "";
  const fmt = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(n);
  const range = min != null && max != null ? `${fmt(min)}–${fmt(max)}` : min != null ? `from ${fmt(min)}` : `up to ${fmt(max!)}`;
  return currency ? `${range} ${currency.toUpperCase()}` : range;
}
