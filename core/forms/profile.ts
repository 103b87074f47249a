/**
 * The profile form: its fields as the browser sends them, the zod schema
 * that checks them at the door (every limit named in the message the person
 * sees), and the conversions between a saved member, the form's values and
 * the fields a save changes. Also lists what differs when two saves collide.
 */
import { z } from 'zod';
import { unixLineBreaks } from '../../templates/content';
import { isWebAddress, withWebScheme } from '../../templates/web-address';
import type { Member, ProfileLink } from '../records/members';

export const LIMITS = { name: 64, bio: 300, location: 100, label: 40, url: 300, links: 5 };

/** Link slots in the form, numbered for people: link1Label, link1Url … link5Url. */
export const LINK_SLOTS = Array.from({ length: LIMITS.links }, (_, i) => i + 1);

/** What the form holds: raw strings, so a refused form comes back exactly as typed. */
export interface ProfileFormValues {
  name: string;
  bio: string;
  location: string;
  /** One per slot, empty slots included. */
  links: ProfileLink[];
  listed: boolean;
  version: string;
}

/** The fields a save changes. */
export type ProfileEdit = Pick<Member, 'name' | 'bio' | 'location' | 'links' | 'listed'>;

const length = (v: string) => Array.from(v).length;

const text = (max: number, message: string) =>
  z
    .string()
    .trim()
    .transform(unixLineBreaks)
    .refine((v) => length(v) <= max, { message })
    .default('');

const webAddress = z
  .string()
  .trim()
  .transform(withWebScheme)
  .refine((v) => length(v) <= LIMITS.url, `A link can be at most ${LIMITS.url} characters`)
  .refine(
    (v) => v === '' || /^https?:\/\//i.test(v),
    'Links are web addresses, like shop.example.org or https://shop.example.org',
  )
  .refine(
    (v) => v === '' || !/^https?:\/\//i.test(v) || isWebAddress(v),
    'This is not a web address we can link to',
  )
  .default('');

const linkFields: Record<string, z.ZodTypeAny> = {};
for (const i of LINK_SLOTS) {
  linkFields[`link${i}Label`] = text(
    LIMITS.label,
    `A link’s label can be at most ${LIMITS.label} characters`,
  );
  linkFields[`link${i}Url`] = webAddress;
}

export const profileSchema = z
  .object({
    name: text(LIMITS.name, `Your display name can be at most ${LIMITS.name} characters`),
    bio: text(LIMITS.bio, `Your bio can be at most ${LIMITS.bio} characters`),
    location: text(
      LIMITS.location,
      `Where on the block can be at most ${LIMITS.location} characters`,
    ),
    listed: z
      .string()
      .optional()
      .transform((v) => v !== undefined),
    version: z.coerce.number().int().nonnegative(),
    ...linkFields,
  })
  .superRefine((form: Record<string, unknown>, ctx) => {
    for (const i of LINK_SLOTS) {
      if (form[`link${i}Label`] && !form[`link${i}Url`]) {
        ctx.addIssue({
          code: 'custom',
          path: [`link${i}Url`],
          message: 'Add the address for this link, or clear its label',
        });
      }
    }
  })
  .transform((form: Record<string, unknown>) => {
    const edit: ProfileEdit & { version: number } = {
      name: (form.name as string) || undefined,
      bio: (form.bio as string) || undefined,
      location: (form.location as string) || undefined,
      links: linksOf(form as Record<string, string>).map((l) => ({
        label: l.label || new URL(l.url).hostname,
        url: l.url,
      })),
      listed: form.listed as boolean,
      version: form.version as number,
    };
    return edit;
  });

/** Every link slot of a posted form, empty ones included, so errors stay by their slot. */
const slotsOf = (form: Record<string, string | undefined>): ProfileLink[] =>
  LINK_SLOTS.map((i) => ({ label: form[`link${i}Label`] ?? '', url: form[`link${i}Url`] ?? '' }));

/** The filled-in link slots of a posted form, in order. */
const linksOf = (form: Record<string, string | undefined>) =>
  slotsOf(form).filter((l) => l.label || l.url);

/** The form filled from what is saved. */
export function valuesOf(member: Member): ProfileFormValues {
  return {
    name: member.name ?? '',
    bio: member.bio ?? '',
    location: member.location ?? '',
    links: LINK_SLOTS.map((i) => member.links[i - 1] ?? { label: '', url: '' }),
    listed: member.listed,
    version: String(member.version),
  };
}

/** The form as the person posted it, for showing it again. */
export function valuesFromInput(input: Record<string, string>): ProfileFormValues {
  return {
    name: input.name ?? '',
    bio: input.bio ?? '',
    location: input.location ?? '',
    links: slotsOf(input),
    listed: input.listed !== undefined,
    version: input.version ?? '',
  };
}

const linkList = (links: ProfileLink[]) => links.map((l) => `${l.label} — ${l.url}`).join('; ');

/** Each field where what is saved now differs from the person's version. */
export function differences(saved: Member, yours: ProfileEdit) {
  const rows = [
    { label: 'Display name', saved: saved.name ?? '', yours: yours.name ?? '' },
    { label: 'Bio', saved: saved.bio ?? '', yours: yours.bio ?? '' },
    { label: 'Where on the block', saved: saved.location ?? '', yours: yours.location ?? '' },
    { label: 'Links', saved: linkList(saved.links), yours: linkList(yours.links) },
    {
      label: 'Shown in the directory',
      saved: saved.listed ? 'Yes' : 'No',
      yours: yours.listed ? 'Yes' : 'No',
    },
  ];
  return rows.filter((r) => r.saved !== r.yours);
}
