/** A friendly error page: what happened, and what to do next. Never a stack trace. */
export interface ErrorPageProps {
  title: string;
  message: string;
  action?: { href: string; label: string };
}

export function ErrorPage({ title, message, action }: ErrorPageProps) {
  return (
    <section class="card problem">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={action?.href ?? '/'}>{action?.label ?? 'Go to the front page'}</a>
      </p>
    </section>
  );
}
