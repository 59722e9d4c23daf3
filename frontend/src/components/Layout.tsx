import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import type { Schemas } from "../api/client";
import { useSignOut } from "../api/queries/auth";
import { forgetOfflineCopies } from "../offline/serviceWorker";

const NAV = [
  { href: "/", label: "Applications", match: (p: string) => p === "/" || p.startsWith("/applications") || p.startsWith("/rounds") },
  { href: "/follow-ups", label: "Follow-ups", match: (p: string) => p.startsWith("/follow-ups") },
  { href: "/contacts", label: "Contacts", match: (p: string) => p.startsWith("/contacts") },
  { href: "/offers", label: "Offers", match: (p: string) => p.startsWith("/offers") },
  { href: "/practice", label: "Practice", match: (p: string) => p.startsWith("/practice") },
  { href: "/questions", label: "Questions", match: (p: string) => p.startsWith("/questions") },
  { href: "/roles", label: "Roles", match: (p: string) => p.startsWith("/roles") },
  { href: "/stats", label: "Stats", match: (p: string) => p.startsWith("/stats") },
  { href: "/settings", label: "Settings", match: (p: string) => p.startsWith("/settings") },
];

export function Layout({ me, children }: { me: Schemas["MeRead"]; children: ComponentChildren }) {
  const [location, navigate] = useLocation();
  const signOut = useSignOut();
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar__inner">
          <Link href="/" class="brand">
            <span class="brand__mark" aria-hidden="true">
              s
            </span>
            <span class="brand__name">secondround</span>
          </Link>
          <nav class="nav" aria-label="Main">
            {NAV.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                class={`nav__link ${item.match(location) ? "nav__link--active" : ""}`}
                aria-current={item.match(location) ? "page" : undefined}
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div class="topbar__account">
            <span class="topbar__name">{me.display_name ?? me.email}</span>
            <button
              type="button"
              class="btn btn--ghost btn--small"
              onClick={() => {
                forgetOfflineCopies();
                signOut.mutate(undefined, { onSettled: () => navigate("/sign-in") });
              }}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

let firstScreen = true;

/** One screen: its h1, the document title, and focus moved to the heading after navigation. */
export function Page(props: {
  title: string;
  eyebrow?: ComponentChildren;
  lead?: ComponentChildren;
  actions?: ComponentChildren;
  wide?: boolean;
  children: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · secondround`;
  }, [props.title]);
  useEffect(() => {
    if (firstScreen) firstScreen = false;
    else heading.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div class={`page ${props.wide ? "page--wide" : ""}`}>
      <div class="page__head">
        <div class="page__titles">
          {props.eyebrow && <div class="page__eyebrow">{props.eyebrow}</div>}
          <h1 ref={heading} tabIndex={-1}>
            {props.title}
          </h1>
          {props.lead && <p class="page__lead">{props.lead}</p>}
        </div>
        {props.actions && <div class="page__actions">{props.actions}</div>}
      </div>
      {props.children}
    </div>
  );
}
