// The calendar feed link, shown once when it is made, with a copy button.
import { useState } from "preact/hooks";

export function FeedLink({ url, id = "feed-url" }: { url: string; id?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <div class="copy-field">
        <label class="visually-hidden" for={id}>
          Calendar feed link
        </label>
        <input id={id} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          class="btn btn--primary"
          onClick={async () => {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
      <p class="small muted" role="status">
        Shown once: copy it into your calendar app now. A new link replaces this one.
      </p>
    </>
  );
}
