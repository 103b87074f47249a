/**
 * How a member's handle is written on a page. A handle is written with an
 * `@` in front, as Bluesky writes it; an account known only by its DID
 * (`did:plc:…`), or whose handle no longer checks out (`handle.invalid`),
 * is written as its DID, plainly: `@did:plc:…` is no handle anyone could
 * type or mention.
 */

/** `@alice.example`, or the DID as it is. */
export function handleText(m: { handle: string; did?: string }): string {
  if (m.handle === 'handle.invalid' && m.did) return m.did;
  return m.handle.startsWith('did:') ? m.handle : `@${m.handle}`;
}
