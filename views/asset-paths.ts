/**
 * Paths of the static assets under their content-hashed names, from the
 * manifest `scripts/build-assets.mjs` writes.
 */
import manifest from '../dist/asset-manifest.json';

export type AssetName = keyof typeof manifest;

export function assetPath(name: AssetName): string {
  return manifest[name];
}
