// Signing in, up and out: each starts the app's cache afresh for the account.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

/** Forget everything read for the last account; remember who is signed in now (null: nobody). */
function startAfresh(qc: QueryClient, me: Schemas["MeRead"] | null) {
  qc.clear();
  qc.setQueryData(keys.me, me);
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["LoginRequest"]) => unwrap(api.POST("/api/v1/auth/login", { body })),
    onSuccess: (session) => startAfresh(qc, session.user),
  });
}

export function useSignUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas["RegisterRequest"]) => {
      await unwrap(api.POST("/api/v1/auth/register", { body }));
      return unwrap(api.POST("/api/v1/auth/login", { body: { email: body.email, password: body.password } }));
    },
    onSuccess: (session) => startAfresh(qc, session.user),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/logout")),
    onSettled: () => startAfresh(qc, null),
  });
}

/** Ask for a password reset link by email: the answer is the same whether or not the email has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: Schemas["PasswordResetRequest"]) => unwrap(api.POST("/api/v1/auth/password-reset", { body })),
  });
}

/** Choose a new password with the link's token; every session is signed out, so sign in afresh. */
export function useConfirmPasswordReset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["PasswordResetConfirm"]) =>
      unwrap(api.POST("/api/v1/auth/password-reset/confirm", { body })),
    onSuccess: () => startAfresh(qc, null),
  });
}

/** Stop the daily reminder with the token of the link in the mail (no sign-in needed). */
export function useUnsubscribe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST("/api/v1/mail/unsubscribe", { params: { query: { token } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.me }),
  });
}
