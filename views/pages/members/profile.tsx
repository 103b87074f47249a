/**
 * A member's profile page: who they are, in their own words where they gave
 * some, with their links and when they joined. The owner gets a link to edit
 * it; an admin looking at someone else gets the admin actions. Their
 * published sites are linked, each at its own address.
 */
import { memberBio, memberName, type Member } from '../../../core/records/members';
import { longDate } from '../../dates';
import { Avatar } from '../../components/avatar';
import { ProfileAdmin } from '../../components/profile-admin';
import { ProfileLinks } from '../../components/profile-links';
import { profilePath } from '../../../core/paths';
import { SiteLinks, type SiteLink } from '../../components/site-links';
import { handleText } from '../../components/handle';

export interface ProfilePageProps {
  member: Member;
  isOwner: boolean;
  /** Show the admin actions (an admin looking at another member). */
  adminActions: boolean;
  /** Their sites visitors can reach now. */
  sites: SiteLink[];
}

export function ProfilePage({ member, isOwner, adminActions, sites }: ProfilePageProps) {
  const bio = memberBio(member);
  return (
    <>
      <section class="card profile" aria-labelledby="profile-name">
        <Avatar member={member} />
        <div>
          <h1 id="profile-name" class="name">
            {memberName(member)}
          </h1>
          <p class="handle">{handleText(member)}</p>
        </div>
      </section>
      {bio && <p class="bio">{bio}</p>}
      {member.location && (
        <p>
          <strong>Where on the block:</strong> {member.location}
        </p>
      )}
      <ProfileLinks links={member.links} />
      {sites.length > 0 && (
        <section aria-labelledby="sites-heading">
          <h2 id="sites-heading">{sites.length === 1 ? 'Their site' : 'Their sites'}</h2>
          <SiteLinks sites={sites} label={`${memberName(member)}’s sites`} />
        </section>
      )}
      {member.status === 'member' && member.joinedAt && (
        <p class="hint">
          Joined <time datetime={member.joinedAt}>{longDate(member.joinedAt)}</time>
        </p>
      )}
      {isOwner && member.status === 'member' && (
        <p>
          <a href={`${profilePath(member)}/edit`}>Edit your profile</a>
        </p>
      )}
      {isOwner && member.status !== 'member' && (
        <p class="notice">
          Only you can see this page: profiles are shown to others once you are a member.
        </p>
      )}
      {adminActions && <ProfileAdmin member={member} />}
    </>
  );
}
