// OAuth apps: the consent page's request and answer, the apps a user registers (a confidential app's
// secret is in the create response only), and the apps a user has connected.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, listAll, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type OAuthClient = Schemas["OAuthClientRead"];
export type ConnectedApp = Schemas["ConnectedAppRead"];

/** The authorization request's parameters this server reads (RFC 6749 4.1.1, PKCE); others are ignored. */
export const AUTHORIZATION_PARAMS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;
export type AuthorizationRequest = Partial<Record<(typeof AUTHORIZATION_PARAMS)[number], string>>;

export function authorizationRequest(search: string): AuthorizationRequest {
  const params = new URLSearchParams(search);
  const request: AuthorizationRequest = {};
  for (const name of AUTHORIZATION_PARAMS) {
    const value = params.get(name);
    if (value !== null) request[name] = value;
  }
  return request;
}

export function useConsent(request: AuthorizationRequest) {
  return useQuery({
    queryKey: ["oauth-consent", request],
    queryFn: () => unwrap(api.GET("/api/v1/oauth/authorization", { params: { query: request } })),
    retry: false,
    staleTime: Infinity,
  });
}

export function useDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["OAuthDecision"]) => unwrap(api.POST("/api/v1/oauth/authorization", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.connectedApps }),
  });
}

export function useOAuthClients() {
  return useQuery({
    queryKey: keys.oauthClients,
    queryFn: () => listAll((page) => api.GET("/api/v1/oauth-clients", { params: { query: page } })),
  });
}

export function useCreateOAuthClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["OAuthClientCreate"]) => unwrap(api.POST("/api/v1/oauth-clients", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.oauthClients }),
  });
}

export function useDeleteOAuthClient() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (client: OAuthClient) =>
      unwrap(api.DELETE("/api/v1/oauth-clients/{oauth_client_id}", { params: { path: { oauth_client_id: client.client_id } } })),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keys.oauthClients });
      qc.invalidateQueries({ queryKey: keys.connectedApps });
    },
  });
}

export function useConnectedApps() {
  return useQuery({
    queryKey: keys.connectedApps,
    queryFn: async () => (await unwrap(api.GET("/api/v1/connected-apps"))).items,
  });
}

export function useDisconnectApp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (app: ConnectedApp) =>
      unwrap(api.DELETE("/api/v1/connected-apps/{client_id}", { params: { path: { client_id: app.client_id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.connectedApps }),
  });
}
