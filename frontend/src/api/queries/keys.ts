// Query keys per resource, so a change can invalidate exactly what it affects.
export const keys = {
  me: ["me"] as const,
  applications: ["applications"] as const,
  application: (id: string) => ["applications", id] as const,
  applicationAnswers: (applicationId: string) => ["applications", applicationId, "answers"] as const,
  rounds: (applicationId: string) => ["applications", applicationId, "rounds"] as const,
  /** Every round's queries (its read, panel, plan...): what a change to the bank or the roles affects. */
  allRounds: ["rounds"] as const,
  round: (id: string) => ["rounds", id] as const,
  interviewers: (roundId: string) => ["rounds", roundId, "interviewers"] as const,
  roundQuestions: (roundId: string) => ["rounds", roundId, "questions"] as const,
  plan: (roundId: string) => ["rounds", roundId, "plan"] as const,
  prepSheet: (roundId: string) => ["rounds", roundId, "prep-sheet"] as const,
  roles: ["roles"] as const,
  questions: ["questions"] as const,
  question: (id: string) => ["questions", "one", id] as const,
  /** Nested under questions: every change to a question refreshes it. */
  applicationQuestions: (applicationId: string) => ["questions", "application", applicationId] as const,
  allFollowUps: ["follow-ups"] as const,
  followUps: (when: string) => ["follow-ups", when] as const,
  readiness: (roundId: string) => ["readiness", roundId] as const,
  upcomingReadiness: ["readiness-upcoming"] as const,
  apiKeys: ["api-keys"] as const,
  webhooks: ["webhooks"] as const,
  webhookDeliveries: (id: string) => ["webhooks", id, "deliveries"] as const,
  oauthClients: ["oauth-clients"] as const,
  connectedApps: ["connected-apps"] as const,
};
