/**
 * Resolves `did:plc` and `did:web` identifiers to validated DID documents.
 * The OAuth library's own resolver builds requests workerd rejects, so the
 * client is given this one instead. The PLC directory is configuration:
 * `https://plc.directory` in production, the local PLC in development.
 * A document that has not arrived within 5 s (`IDENTITY_TIMEOUT_MS`) is a
 * failure, so a slow `did:web` host or PLC cannot stall a sign-in; the
 * OAuth library's own abort signal is honoured as well.
 */
import { z } from 'zod';
import { fetchWithoutRedirects, IDENTITY_TIMEOUT_MS, isTimeout, withTimeout } from './fetch';

/** The parts of a DID document AT Protocol relies on; anything else passes through. */
const didDocumentSchema = z
  .object({
    id: z.string().startsWith('did:'),
    alsoKnownAs: z.array(z.string()).optional(),
    verificationMethod: z
      .array(z.object({ id: z.string(), type: z.string() }).passthrough())
      .optional(),
    service: z
      .array(
        z
          .object({
            id: z.string(),
            type: z.string(),
            serviceEndpoint: z.union([z.string(), z.record(z.string(), z.unknown())]),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();

export type DidDocument = z.infer<typeof didDocumentSchema>;

export class DidResolutionError extends Error {
  override name = 'DidResolutionError';
}

export interface DidResolverOptions {
  plcUrl: string;
  /** Allow `did:web` documents over plain http (local development only). */
  allowHttp: boolean;
  /** How long a document may take to arrive; `IDENTITY_TIMEOUT_MS` unless a test wants less. */
  timeoutMs?: number;
}

export function didDocumentUrl(did: string, { plcUrl, allowHttp }: DidResolverOptions): URL {
  if (did.startsWith('did:plc:')) return new URL(`/${encodeURIComponent(did)}`, plcUrl);
  if (did.startsWith('did:web:')) {
    const host = decodeURIComponent(did.slice('did:web:'.length));
    if (host.includes(':') && !allowHttp)
      throw new DidResolutionError(`unsupported did:web ${did}`);
    const scheme = allowHttp && /^(localhost|127\.0\.0\.1)(:|$)/.test(host) ? 'http' : 'https';
    return new URL(`${scheme}://${host}/.well-known/did.json`);
  }
  throw new DidResolutionError(`unsupported DID method in ${did}`);
}

export function createDidResolver(options: DidResolverOptions) {
  const timeoutMs = options.timeoutMs ?? IDENTITY_TIMEOUT_MS;
  return {
    async resolve(did: string, { signal }: { signal?: AbortSignal } = {}): Promise<DidDocument> {
      const url = didDocumentUrl(did, options);
      let body: unknown;
      try {
        const res = await fetchWithoutRedirects(url, {
          headers: { accept: 'application/did+ld+json,application/json' },
          redirect: 'error',
          signal: withTimeout(signal, timeoutMs),
        });
        if (!res.ok) {
          await res.body?.cancel();
          throw new DidResolutionError(`could not resolve ${did} (HTTP ${res.status})`);
        }
        body = await res.json();
      } catch (error) {
        if (isTimeout(error)) {
          throw new DidResolutionError(`no DID document for ${did} within ${timeoutMs} ms`, {
            cause: error,
          });
        }
        throw error;
      }
      const parsed = didDocumentSchema.safeParse(body);
      if (!parsed.success || parsed.data.id !== did) {
        throw new DidResolutionError(`invalid DID document for ${did}`);
      }
      return parsed.data;
    },
  };
}

/** The PDS endpoint and handle a DID document declares. */
export function describeDidDocument(doc: DidDocument): { pds?: string; handle?: string } {
  const service = doc.service?.find(
    (s) => s.id === '#atproto_pds' || s.id === `${doc.id}#atproto_pds`,
  );
  const aka = doc.alsoKnownAs?.find((a) => a.startsWith('at://'));
  return {
    pds: typeof service?.serviceEndpoint === 'string' ? service.serviceEndpoint : undefined,
    handle: aka?.slice('at://'.length),
  };
}
