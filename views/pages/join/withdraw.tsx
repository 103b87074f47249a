/**
 * "Withdraw your request?": the step before someone takes back their
 * request to join, saying they can ask again. The form carries `confirm`,
 * so only this page's button withdraws.
 */
import { CsrfField } from '../../components/csrf-field';
import { WITHDRAW_REQUEST_PATH } from '../../../core/paths';

export function WithdrawRequestPage(props: { neighborhoodName: string; csrfToken: string }) {
  return (
    <section class="card" aria-labelledby="withdraw-heading">
      <h1 id="withdraw-heading">Withdraw your request to join {props.neighborhoodName}?</h1>
      <p>
        Admins will no longer see it. You stay signed in, and you can ask to join again from the
        front page whenever you like.
      </p>
      <form method="post" action={WITHDRAW_REQUEST_PATH} class="actions">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="confirm" value="withdraw" />
        <button type="submit">Withdraw my request</button>
        <a href="/">Keep it</a>
      </form>
    </section>
  );
}
