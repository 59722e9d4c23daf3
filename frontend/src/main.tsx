import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "preact";
import { Suspense, lazy } from "preact/compat";
import type { JSX } from "preact";
import { Redirect, Route, Switch, useLocation } from "wouter-preact";
import { ApiError } from "./api/client";
import { keys } from "./api/queries/keys";
import { useMe } from "./api/queries/me";
import { Layout } from "./components/Layout";
import { ErrorState, Loading } from "./components/States";
import { installUnsavedChangesGuard } from "./components/unsavedChanges";
import { registerServiceWorker } from "./offline/serviceWorker";
import "./styles.css";

// A 401 anywhere means the session ended: forget the account and show the sign-in screen.
function onApiError(error: unknown) {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(keys.me, null);
}

// A change to a round, a person, a round question or an answer moves its application's version (and a
// person's, its round's): read the applications and rounds on screen again, so the next edit of one
// of them sends its current ETag instead of meeting a 412.
function refreshParents() {
  void queryClient.invalidateQueries({
    predicate: ({ queryKey: [kind, , sub] }) =>
      (kind === "applications" || kind === "rounds") && (sub === undefined || sub === "rounds"),
  });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError, onSuccess: refreshParents }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Always try: offline, the service worker may answer from the copy interview mode kept.
      networkMode: "offlineFirst",
      // Client errors are answers, not accidents; but a 429 (busy) or a network error is worth
      // another try, after the Retry-After the server gave.
      retry: (count, error) =>
        count < 2 && (!(error instanceof ApiError) || error.status === 429 || error.status === 0 || error.status >= 500),
      retryDelay: (count, error) =>
        error instanceof ApiError && error.retryAfter ? error.retryAfter * 1000 : Math.min(1000 * 2 ** count, 8000),
      refetchOnWindowFocus: true,
    },
  },
});

// One file per screen, each loaded when first shown.
const SignIn = lazy(() => import("./screens/SignIn"));
const SignUp = lazy(() => import("./screens/SignUp"));
const Applications = lazy(() => import("./screens/Applications"));
const ApplicationScreen = lazy(() => import("./screens/Application"));
const RoundScreen = lazy(() => import("./screens/Round"));
const PrintSheet = lazy(() => import("./screens/round/PrintSheet"));
const Questions = lazy(() => import("./screens/Questions"));
const Roles = lazy(() => import("./screens/Roles"));
const FollowUps = lazy(() => import("./screens/FollowUps"));
const Offers = lazy(() => import("./screens/Offers"));
const Contacts = lazy(() => import("./screens/Contacts"));
const ContactScreen = lazy(() => import("./screens/Contact"));
const Practice = lazy(() => import("./screens/Practice"));
const Stats = lazy(() => import("./screens/Stats"));
const Settings = lazy(() => import("./screens/Settings"));
const Interview = lazy(() => import("./screens/Interview"));
const OAuthAuthorize = lazy(() => import("./screens/OAuthAuthorize"));
const ForgotPassword = lazy(() => import("./screens/ForgotPassword"));
const ResetPassword = lazy(() => import("./screens/ResetPassword"));
const Unsubscribe = lazy(() => import("./screens/Unsubscribe"));

// Pages a link in a mail opens: they work signed in or not (a reset link, the reminder's unsubscribe).
const MAIL_PAGES: Record<string, () => JSX.Element> = {
  "/reset-password": () => <ResetPassword />,
  "/unsubscribe": () => <Unsubscribe />,
};

function App() {
  const me = useMe();
  const [location] = useLocation();
  const mailPage = MAIL_PAGES[location];
  if (mailPage) return <Suspense fallback={<Loading />}>{mailPage()}</Suspense>;
  if (me.isPending) return <Loading label="Opening secondround" />;
  if (me.isError) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  if (!me.data) {
    // The query string comes along: the OAuth page's request is all in it.
    const here = location + window.location.search;
    const back = location === "/" || location.startsWith("/sign") || location === "/forgot-password" ? "" : `?next=${encodeURIComponent(here)}`;
    return (
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/sign-up" component={SignUp} />
          <Route path="/sign-in" component={SignIn} />
          <Route path="/forgot-password" component={ForgotPassword} />
          <Route>
            <Redirect to={`/sign-in${back}`} replace />
          </Route>
        </Switch>
      </Suspense>
    );
  }
  // An app asking to connect: a page of its own, like sign-in, with no navigation to wander off to.
  if (location === "/oauth/authorize") {
    return (
      <Suspense fallback={<Loading />}>
        <OAuthAuthorize />
      </Suspense>
    );
  }
  // Interview mode is the whole phone screen: its own bar, no main navigation.
  const interview = /^\/rounds\/([^/]+)\/interview\/?$/.exec(location);
  if (interview) {
    return (
      <Suspense fallback={<Loading />}>
        <Interview id={interview[1]!} me={me.data} />
      </Suspense>
    );
  }
  return (
    <Layout me={me.data}>
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={Applications} />
          <Route path="/applications/:id">{(p) => <ApplicationScreen id={p.id} />}</Route>
          <Route path="/rounds/:id/print">{(p) => <PrintSheet id={p.id} />}</Route>
          <Route path="/rounds/:id">{(p) => <RoundScreen id={p.id} />}</Route>
          <Route path="/questions" component={Questions} />
          <Route path="/roles" component={Roles} />
          <Route path="/follow-ups" component={FollowUps} />
          <Route path="/offers" component={Offers} />
          <Route path="/contacts" component={Contacts} />
          <Route path="/contacts/:id">{(p) => <ContactScreen id={p.id} />}</Route>
          <Route path="/practice" component={Practice} />
          <Route path="/stats" component={Stats} />
          <Route path="/settings" component={Settings} />
          <Route path="/sign-in">
            <SignedInRedirect />
          </Route>
          <Route path="/sign-up">
            <Redirect to="/" replace />
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </Suspense>
    </Layout>
  );
}

function SignedInRedirect() {
  const next = new URLSearchParams(location.search).get("next");
  // Only a path of this app, never another site.
  return <Redirect to={next && next.startsWith("/") && !next.startsWith("//") ? next : "/"} replace />;
}

function NotFound() {
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <a href="/">Go to your applications</a>.
      </p>
    </div>
  );
}

registerServiceWorker();
installUnsavedChangesGuard();

render(
  <QueryClientProvider client={queryClient}>
    <App />
  </QueryClientProvider>,
  document.getElementById("app")!,
);
