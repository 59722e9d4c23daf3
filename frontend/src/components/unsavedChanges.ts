// A warning before unsaved edits are dropped. An edit form says so with `data-unsaved="<what>"`;
// typing in it makes it dirty, submitting it clean, and it stops counting once it leaves the page
// (saved and closed). While one is dirty:
// - closing the tab or reloading asks first (beforeunload: the browser's own question);
// - following a link of the app, or a button marked `data-discard` (Cancel, a toggle that closes
//   the form), asks "Leave without saving?" and does nothing if the answer is no.
// The browser's Back button cannot be held back this way; it is the one way out that does not ask.
const dirty = new Set<HTMLFormElement>();

function dirtyForms(): HTMLFormElement[] {
  for (const form of dirty) if (!form.isConnected) dirty.delete(form);
  return [...dirty];
}

/** Ask before dropping unsaved edits; true when there are none or the user agrees. */
export function mayDiscard(within?: Element | null): boolean {
  const forms = dirtyForms().filter((f) => !within || within.contains(f));
  if (forms.length === 0) return true;
  const what = forms.map((f) => `“${f.dataset.unsaved}”`).join(", ");
  if (!window.confirm(`You have unsaved changes in ${what}. Leave without saving them?`)) return false;
  for (const form of forms) dirty.delete(form);
  return true;
}

function formOf(target: EventTarget | null): HTMLFormElement | null {
  return target instanceof Element ? target.closest<HTMLFormElement>("form[data-unsaved]") : null;
}

export function installUnsavedChangesGuard() {
  const markDirty = (e: Event) => {
    const form = formOf(e.target);
    if (form) dirty.add(form);
  };
  document.addEventListener("input", markDirty, true);
  document.addEventListener("change", markDirty, true);
  document.addEventListener(
    "submit",
    (e) => {
      const form = formOf(e.target);
      if (form) dirty.delete(form);
    },
    true,
  );
  // Capture phase: this runs before the link's or the button's own handler, and can stop it.
  document.addEventListener(
    "click",
    (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (!(e.target instanceof Element)) return;
      const link = e.target.closest<HTMLAnchorElement>("a[href]");
      const discard = e.target.closest<HTMLElement>("[data-discard]");
      const leaving = link && link.target !== "_blank" && link.origin === location.origin;
      if (!leaving && !discard) return;
      // A Cancel button asks about its own form only; a link leaves the whole screen.
      const scope = discard ? (discard.closest("[data-unsaved-scope]") ?? discard.closest("form")) : null;
      if (!mayDiscard(scope)) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    },
    true,
  );
  window.addEventListener("beforeunload", (e) => {
    if (dirtyForms().length > 0) e.preventDefault();
  });
}
