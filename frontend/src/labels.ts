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

const dateOnly = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric" });

// Times of day are formatted in src/time.ts, always in a zone (the round's or the account's).

/** An ISO date (YYYY-MM-DD) shown in words, read as a calendar day (no time zone shift). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "";
  const [y, m, d] = isoDate.split("-").map(Number);
  return dateOnly.format(new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatSalary(min: number | null, max: number | null, currency: string | null): string {
  if (min == null && max == null) return "";
  const fmt = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(n);
  const range = min != null && max != null ? `${fmt(min)}–${fmt(max)}` : min != null ? `from ${fmt(min)}` : `up to ${fmt(max!)}`;
  return currency ? `${range} ${currency.toUpperCase()}` : range;
}
