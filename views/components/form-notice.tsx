/**
 * The line above a form that says how its last save went: saved (announced
 * politely), or not saved and why (announced at once). Every form that can
 * fail to save shows its problem the same way, above the fields it kept.
 */
export interface FormNotice {
  tone: 'saved' | 'problem';
  text: string;
}

export function FormNoticeLine({ notice }: { notice?: FormNotice }) {
  if (!notice) return null;
  const saved = notice.tone === 'saved';
  return (
    <p class={saved ? 'notice saved' : 'error-summary'} role={saved ? 'status' : 'alert'}>
      {notice.text}
    </p>
  );
}
