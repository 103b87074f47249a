/**
 * The neighborhood's front page: its name, description, welcome and where
 * it is; how to join for whoever is looking; and who joined recently, when
 * the viewer may see the directory, with the sites published most lately.
 * Kept tiny: it is most people's first visit.
 */
import type { MemberSummary } from '../../core/records/members';
import type { Neighborhood } from '../../core/records/neighborhood';
import { JoinPanel } from '../components/join-panel';
import { MemberCard } from '../components/member-card';
import type { SignInFormProps } from '../components/sign-in-form';
import type { Viewer } from '../../core/records/sessions';
import type { SiteLink } from '../components/site-links';
import { longDate } from '../dates';

export interface HomePageProps {
  neighborhood: Neighborhood;
  viewer?: Viewer;
  /** The sign-in form's state; its CSRF token also serves the join button. */
  signIn: SignInFormProps;
  /** Recently joined members; absent when the viewer may not see the directory. */
  recent?: MemberSummary[];
  /** The sites published most lately, newest first; absent like `recent`. */
  published?: SiteLink[];
}

/** Each line of the welcome text is a paragraph. */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

export function HomePage({ neighborhood, viewer, signIn, recent, published }: HomePageProps) {
  return (
    <>
      <section class="intro">
        <h1>{neighborhood.name}</h1>
        <p>{neighborhood.description}</p>
        {paragraphs(neighborhood.welcome).map((p) => (
          <p>{p}</p>
        ))}
        {neighborhood.location && <p class="hint">Where: {neighborhood.location}</p>}
      </section>
      <JoinPanel neighborhood={neighborhood} member={viewer?.member} signIn={signIn} />
      {recent && (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recently joined</h2>
          {recent.length ? (
            <ul class="members">
              {recent.map((m) => (
                <MemberCard member={m} />
              ))}
            </ul>
          ) : (
            <p>Nobody is listed yet.</p>
          )}
          <p>
            <a href="/members">See all neighbors</a>
          </p>
        </section>
      )}
      {published && published.length > 0 && (
        <section aria-labelledby="published-heading">
          <h2 id="published-heading">Lately published</h2>
          <ul class="sites">
            {published.map((s) => (
              <li>
                <a href={s.url}>{s.name}</a>
                {s.publishedAt && (
                  <>
                    {' '}
                    <span class="hint">
                      <time datetime={s.publishedAt}>{longDate(s.publishedAt)}</time>
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p>
            <a href="/members">Every neighbor’s sites</a>
          </p>
        </section>
      )}
    </>
  );
}
