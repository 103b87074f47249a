/**
 * The item's preview inside the editor: folded away, so nothing loads until
 * the person opens it (`loading="lazy"` in a closed `<details>`). After a
 * save with htmx, the answer carries a new frame with `swapOob`, which
 * replaces this one by its id and so loads the preview afresh.
 */
export function PreviewFrame({ src, swapOob }: { src: string; swapOob?: boolean }) {
  return (
    <iframe
      id="preview-frame"
      class="preview-frame"
      src={src}
      loading="lazy"
      title="Preview of this page as visitors will see it"
      data-hx-swap-oob={swapOob ? 'true' : undefined}
    ></iframe>
  );
}

export function PreviewPanel({ src }: { src: string }) {
  return (
    <details class="preview-panel">
      <summary>Show the preview here</summary>
      <PreviewFrame src={src} />
    </details>
  );
}
