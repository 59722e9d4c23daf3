// Markdown notes rendered safely: markdown-it with raw HTML off (tags are shown as text) and its
// link check, which refuses javascript:, vbscript: and data: URLs. Loaded only where notes are shown.
import { useEffect, useRef } from "preact/hooks";

let renderer: Promise<(text: string) => string> | null = null;

function loadRenderer() {
  renderer ??= import("markdown-it").then(({ default: MarkdownIt }) => {
    const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
    return (text: string) => md.render(text);
  });
  return renderer;
}

export function Markdown({ text, class: className }: { text: string; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    loadRenderer().then((render) => {
      if (!live || !ref.current) return;
      ref.current.innerHTML = render(text);
      for (const a of ref.current.querySelectorAll("a")) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
    });
    return () => {
      live = false;
    };
  }, [text]);
  return <div ref={ref} class={`prose ${className ?? ""}`} />;
}
