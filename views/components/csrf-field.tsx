/** The hidden CSRF token every state-changing form carries. */
export const CSRF_FIELD = '_csrf';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}
