/** The neighborhood's front page: who we are, and a way in. */
import type { Neighborhood } from '../../edge/db/neighborhood';
import { SignInForm, type SignInFormProps } from '../components/sign-in-form';
import type { Viewer } from '../viewer';

export interface HomePageProps {
  neighborhood: Neighborhood;
  viewer?: Viewer;
  signIn: SignInFormProps;
}

export function HomePage({ neighborhood, viewer, signIn }: HomePageProps) {
  return (
    <>
      <section class="intro">
        <h1>{neighborhood.name}</h1>
        <p>{neighborhood.description}</p>
      </section>
      {viewer ? (
        <p class="card">
          Welcome back, {viewer.member.displayName ?? `@${viewer.member.handle}`}.{' '}
          <a href="/me">Go to your page</a>.
        </p>
      ) : (
        <SignInForm {...signIn} />
      )}
    </>
  );
}
