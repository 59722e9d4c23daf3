// The frame of the screens shown before sign-in (sign in, create an account): the brand, one card
// with the screen's title and form, and the product's one line.
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";

export function AuthFrame(props: { title: string; lead: string; children: ComponentChildren }) {
  useEffect(() => {
    document.title = `${props.title} · secondround`;
  }, [props.title]);
  return (
    <div class="auth">
      <div class="auth__brand">
        <span class="brand__mark" aria-hidden="true">
          s
        </span>
        <span class="brand__name">secondround</span>
      </div>
      <main id="main" class="auth__card">
        <h1>{props.title}</h1>
        <p class="auth__lead">{props.lead}</p>
        {props.children}
      </main>
      <p class="auth__tagline">Know whom you will meet, what to ask each of them, and when to follow up.</p>
    </div>
  );
}
