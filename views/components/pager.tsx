/** "Next page" for a paged list: a plain link carrying the opaque cursor. */
export function Pager({ next, href }: { next?: string; href: (cursor: string) => string }) {
  if (!next) return null;
  return (
    <nav class="pager" aria-label="More">
      <a href={href(next)} rel="next">
        Next page →
      </a>
    </nav>
  );
}
