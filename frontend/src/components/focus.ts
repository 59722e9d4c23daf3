// Focus that survives a re-render: a control whose item moved (a reordered person, a card moved
// to another column) is a re-inserted or new element, and the browser drops focus to <body>.

/** Keep the focus on the element with this id while its item moves: for the next 3 s, whenever
 * focus has fallen to <body> (or to an element no longer in the page) and the element is there
 * and enabled (it may be disabled while its write is on its way), focus it again. `sameItem`: the
 * ids of the item's other controls, from which focus moves to this one. Stops at once if the user
 * puts the focus somewhere else. */
export function focusWhenReady(id: string, sameItem: string[] = []) {
  let ticks = 60;
  const tick = () => {
    const el = document.getElementById(id) as HTMLButtonElement | null;
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    const ours = active !== null && (active.id === id || sameItem.includes(active.id));
    if (!lost && !ours) return; // the user went on elsewhere
    if ((lost || active !== el) && el && !el.disabled) el.focus();
    if (ticks-- > 0) window.setTimeout(tick, 50);
  };
  requestAnimationFrame(tick);
}
