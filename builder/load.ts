/**
 * Reads what a render needs from DynamoDB and turns it into a `RenderInput`:
 * the site, all its items and its pictures (one query of the site's
 * partition, every page of it) and the neighborhood's name. The table layout is the one in
 * `core/records/`, shared with the edge, so the two cannot disagree about
 * it. Only what visitors may see goes in: ready items that
 * are not in the trash, plus the one draft a preview asks for. A site
 * holding more than a site may (`core/site-limits.ts`) is refused before
 * anything renders it.
 */
import {
  GetItemCommand,
  QueryCommand,
  type AttributeValue as SdkAttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshalItem, unmarshalItem, type AttributeValue } from '../core/records/marshal';
import { defaultNeighborhood, neighborhoodKey, toNeighborhood } from '../core/records/neighborhood';
import { toPicture, type Picture } from '../core/records/pictures';
import { sitePartition, toSite, toSiteItem, type SiteItem } from '../core/records/sites';
import { siteUrl } from '../core/site-address';
import { itemTextBytes, overSiteLimits } from '../core/site-limits';
import { findTemplate, type TemplateId } from '../templates';
import { sample as blogSample } from '../templates/blog/sample';
import type { ItemContent, RenderItem } from '../templates/content';
import { sample as newsletterSample } from '../templates/newsletter/sample';
import { withDefaults, type Settings } from '../templates/settings';
import { sample as showcaseSample } from '../templates/showcase/sample';
import type { BuilderConfig } from './config';
import { RenderInputError, type RenderInput, type RenderPicture } from './render';

type SdkItem = Record<string, SdkAttributeValue>;

// The SDK's attribute values are a superset of the subset nbhd stores.
const plain = (item: SdkItem) => unmarshalItem(item as Record<string, AttributeValue>);

/** Every record in one partition, following `LastEvaluatedKey` to the end; strongly consistent. */
export async function queryPartition(
  client: DynamoDBClient,
  table: string,
  pk: string,
): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let start: SdkItem | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: pk } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) records.push(plain(item));
    start = out.LastEvaluatedKey;
  } while (start);
  return records;
}

/** The neighborhood as the footer shows it: its name and address. */
export async function loadNeighborhood(
  client: DynamoDBClient,
  config: BuilderConfig,
): Promise<RenderInput['neighborhood']> {
  const out = await client.send(
    new GetItemCommand({
      TableName: config.table,
      Key: marshalItem(neighborhoodKey) as SdkItem,
    }),
  );
  const { name } = toNeighborhood(out.Item ? plain(out.Item) : undefined);
  return {
    name: name || defaultNeighborhood.name,
    url: config.publicUrl,
  };
}

/** An item as the templates see it: its content, without the table's bookkeeping. */
export function toRenderItem(item: SiteItem): RenderItem {
  const {
    id: _id,
    site: _site,
    createdAt: _created,
    deletedAt: _deleted,
    version: _version,
    ...content
  } = item;
  return content;
}

/** A picture as rendering needs it, without its upload's bookkeeping. */
export function toRenderPicture(p: Picture): RenderPicture {
  const { id, description, key, width, height, widths, fallback } = p;
  return { id, description, key, width, height, widths, fallback };
}

export interface LoadOptions {
  /** The id of one draft item to include as if it were ready. */
  draft?: string;
}

/**
 * The render input for the site named `name`, or undefined when there is
 * no such site (or the draft it names does not exist or is in the trash).
 * Throws `RenderInputError` when the site's template is no longer offered,
 * or when what it holds outside the trash is over the site's bounds.
 */
export async function loadRenderInput(
  client: DynamoDBClient,
  config: BuilderConfig,
  name: string,
  { draft }: LoadOptions = {},
): Promise<RenderInput | undefined> {
  const [records, neighborhood] = await Promise.all([
    queryPartition(client, config.table, sitePartition(name)),
    loadNeighborhood(client, config),
  ]);
  const site = toSite(records.find((r) => r.sk === 'SITE'));
  if (!site) return undefined;
  const items = records.flatMap((r) => toSiteItem(r) ?? []).filter((i) => !i.deletedAt);
  if (draft !== undefined && !items.some((i) => i.id === draft)) return undefined;

  const template = findTemplate(site.template);
  if (!template) {
    throw new RenderInputError([
      `This site uses a template ("${site.template}") this neighborhood no longer offers.`,
    ]);
  }
  const over = overSiteLimits({
    items: items.length,
    textBytes: items.reduce((sum, i) => sum + itemTextBytes(i), 0),
  });
  if (over.length) throw new RenderInputError(over);
  return {
    template: template.id,
    site: { name: site.name, url: siteUrl(config.sitesUrl, site.name), ownerDid: site.ownerDid },
    neighborhood,
    settings: withDefaults(template.settings, site.settings ?? {}),
    items: items
      .filter((i) => i.status === 'ready' || i.id === draft)
      .map((i) => toRenderItem({ ...i, status: 'ready' })),
    // In the partition's (id) order, so the same pictures make the same input.
    pictures: records.flatMap((r) => toPicture(r) ?? []).map(toRenderPicture),
  };
}

/** What a template's sample site holds (`templates/<id>/sample.ts`). */
interface TemplateSample {
  settings: Settings;
  items: (ItemContent & { updatedAt?: string })[];
}

const samples: Record<TemplateId, TemplateSample> = {
  blog: blogSample,
  showcase: showcaseSample,
  newsletter: newsletterSample,
};

/**
 * The render input for a template's sample site, as the gallery shows it:
 * the template's example settings and items, living at the gallery's own
 * address, with the neighborhood's name in the footer.
 */
export async function sampleRenderInput(
  client: DynamoDBClient,
  config: BuilderConfig,
  template: TemplateId,
): Promise<RenderInput> {
  return sampleInput(template, await loadNeighborhood(client, config));
}

/**
 * A template's sample site for a neighborhood, without the database: the
 * gallery's pictures are made from the same input the gallery's samples use.
 */
export function sampleInput(
  template: TemplateId,
  neighborhood: RenderInput['neighborhood'],
): RenderInput {
  const sample = samples[template];
  return {
    template,
    site: {
      name: 'sample',
      url: `${neighborhood.url}/templates/${template}/sample`,
      // The DID method the DID specification reserves for examples.
      ownerDid: 'did:example:sample',
    },
    neighborhood,
    settings: sample.settings,
    // A fixed time, so the same sample always renders to the same bytes.
    items: sample.items.map((i) => ({ ...i, updatedAt: i.updatedAt ?? `${i.date}T00:00:00.000Z` })),
  };
}
