/**
 * A person's own request to join and the admin's answer to it: withdrawing
 * a pending request (after a page that asks, so they can ask again later),
 * and dismissing the welcome or decline message once read. Both answer with
 * a redirect (the front page, or the page the message was on); anyone with
 * nothing to withdraw is sent to the front page with nothing changed.
 */
import { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { dismissAnswer, withdrawRequest } from '../db/membership';
import { requireViewer } from '../middleware/access';
import { currentNeighborhood, renderPage } from '../render';
import { WithdrawRequestPage } from '../../views/pages/join/withdraw';
import { DISMISS_ANSWER_PATH, DISMISS_RETURNS, WITHDRAW_REQUEST_PATH } from '../../core/paths';

const backHome = (c: AppContext) => {
  c.header('Cache-Control', 'no-store');
  return c.redirect('/', 303);
};

export const joinRequest = new Hono<AppEnv>()
  .get(WITHDRAW_REQUEST_PATH, async (c) => {
    const { member } = requireViewer(c);
    if (member.status !== 'pending') return backHome(c);
    const neighborhood = await currentNeighborhood(c);
    c.header('Cache-Control', 'private, no-store');
    return renderPage(
      c,
      { title: 'Withdraw your request?', neighborhood },
      <WithdrawRequestPage neighborhoodName={neighborhood.name} csrfToken={c.get('csrfToken')} />,
    );
  })
  .post(WITHDRAW_REQUEST_PATH, async (c) => {
    const { member } = requireViewer(c);
    if (member.status !== 'pending') return backHome(c);
    // Only the confirmation page's button withdraws; anything else is sent there first.
    if ((await c.req.parseBody()).confirm !== 'withdraw')
      return c.redirect(WITHDRAW_REQUEST_PATH, 303);
    await withdrawRequest(c.get('db'), member.did);
    return backHome(c);
  })
  .post(DISMISS_ANSWER_PATH, async (c) => {
    const { member } = requireViewer(c);
    const back = String((await c.req.parseBody()).back ?? '');
    await dismissAnswer(c.get('db'), member.did);
    c.header('Cache-Control', 'no-store');
    // Back to the page the message was on, if it is one of ours; else the front page.
    return c.redirect(DISMISS_RETURNS.find((p) => p === back) ?? '/', 303);
  });
