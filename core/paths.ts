/**
 * The app's own addresses, and the one rule for where an item lives inside
 * its site. Routes redirect to these, views link to them and the renderer
 * places pages by the same item rule, so an address is written once.
 *
 * Inside a site, entries live at `<entry path>/<slug>/` (`posts/hello/`) and
 * free pages at `<slug>/` (`about/`). A draft is previewed through the draft
 * path, which renders the site as if that draft were ready; a ready item is
 * seen in the site's own preview.
 */
import type { TemplateDefinition } from '../templates/template';
import type { DirectoryOrder } from './records/members';

/** A member as their addresses need them: a handle when it is valid, else the DID. */
interface MemberRef {
  did: string;
  handle: string;
}

export const profilePath = (m: MemberRef) =>
  `/members/${encodeURIComponent(m.handle === 'handle.invalid' ? m.did : m.handle)}`;
export const directoryPath = (order: DirectoryOrder, after?: string) =>
  `/members?order=${order}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
export const memberAdminPath = (m: Pick<MemberRef, 'did'>, action: string) =>
  `/admin/members/${encodeURIComponent(m.did)}/${action}`;
export const invitationPath = (code: string) => `/invitations/${encodeURIComponent(code)}`;
/** Where a member leaves (GET asks first) and a pending person withdraws their request. */
export const LEAVE_PATH = '/leave';
export const WITHDRAW_REQUEST_PATH = '/join/withdraw';
/** Where a person puts away an admin's answer, and the pages that may send them there. */
export const DISMISS_ANSWER_PATH = '/join/answer/dismiss';
export const DISMISS_RETURNS = ['/', '/me'] as const;
export const REMOVALS_PATH = '/admin/removals';
/** Where an admin lifts the removal of `did`. */
export const liftRemovalPath = (did: string) => `${REMOVALS_PATH}/${encodeURIComponent(did)}/lift`;

/** Where the new-site form checks a name as it is typed. */
export const NAME_CHECK_PATH = '/sites/new/check';
export const sitePath = (site: string) => `/sites/${site}`;
export const settingsPath = (site: string) => `/sites/${site}/settings`;
export const trashPath = (site: string) => `/sites/${site}/trash`;
/** Where the owner asks for the ZIP of their whole site. */
export const siteExportPath = (site: string) => `/sites/${site}/export`;
export const deleteSitePath = (site: string) => `/sites/${site}/delete`;
/** The sites list, saying `site` was just deleted. */
export const siteDeletedPath = (site: string) => `/sites?deleted=${encodeURIComponent(site)}`;
export const newItemPath = (site: string, kind: 'entry' | 'page') =>
  `/sites/${site}/items/new?kind=${kind}`;
export const itemPath = (site: string, id: string) => `/sites/${site}/items/${id}`;
/** Where the editor checks a field as it changes: an item's, or a new one's (no id yet). */
export const itemCheckPath = (site: string, id?: string) =>
  `${id ? itemPath(site, id) : `/sites/${site}/items/new`}/check`;
export const sitePreviewPath = (site: string) => `/sites/${site}/preview/`;
/** The preview of the site with the draft `id` in it, as if it were ready. */
export const draftPreviewPath = (site: string, id: string) => `/sites/${site}/preview/draft/${id}/`;

/** Where the owner presses Publish, and where a deploy, and the history, are shown. */
export const publishPath = (site: string) => `/sites/${site}/publish`;
export const deploysPath = (site: string, after?: string) =>
  `/sites/${site}/deploys${after ? `?after=${encodeURIComponent(after)}` : ''}`;
export const deployPath = (site: string, id: string) => `/sites/${site}/deploys/${id}`;
export const restorePath = (site: string, id: string) => `/sites/${site}/deploys/${id}/restore`;
/** A page asking "take it off the web?", whose form posts back to the same address. */
export const unpublishPath = (site: string) => `/sites/${site}/unpublish`;

/** An item as its address needs it. */
interface ItemRef {
  kind: 'entry' | 'page';
  slug: string;
}

/** The item's address inside its site, relative to the site's root: `posts/hello/`, `about/`. */
export function itemPagePath(template: Pick<TemplateDefinition, 'entry'>, item: ItemRef): string {
  return item.kind === 'entry' ? `${template.entry.path}/${item.slug}/` : `${item.slug}/`;
}

/** The preview of this item: its page in the draft preview, or in the site's preview once ready. */
export function itemPreviewPath(
  site: string,
  template: Pick<TemplateDefinition, 'entry'>,
  item: ItemRef & { id: string; status: 'draft' | 'ready' },
): string {
  const page = itemPagePath(template, item);
  return item.status === 'draft'
    ? `${draftPreviewPath(site, item.id)}${page}`
    : `${sitePreviewPath(site)}${page}`;
}

/** A site's Pictures page: upload, describe, delete. */
export const picturesPath = (site: string) => `/sites/${site}/pictures`;
/** One picture's page: its description and where it is used. */
export const picturePath = (site: string, id: string) => `/sites/${site}/pictures/${id}`;
/** Asks before deleting a picture, naming the items that show it. */
export const deletePicturePath = (site: string, id: string) =>
  `/sites/${site}/pictures/${id}/delete`;
/** A processed picture file (`core/pictures.ts`), for the member's own pages. */
export const pictureFilePath = (site: string, file: string) =>
  `/sites/${site}/pictures/files/${file}`;
