/**
 * The CDK app entry (`npx cdk deploy --all` runs it through `cdk.json`). It reads the
 * operator's file (`nbhd.config.json`, or the path in `NBHD_CONFIG`) and nothing else: a wrong
 * or missing value stops synth with a message naming it. The account comes from the deploying
 * profile (`CDK_DEFAULT_ACCOUNT`) when there is one; synth needs no AWS credentials and makes
 * no lookups.
 */
import { App } from 'aws-cdk-lib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOperatorConfig } from '../operator-config';
import { buildHostingSources, composeNeighborhood } from '../stacks/compose';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const config = loadOperatorConfig(root);
const sources = await buildHostingSources(config);
composeNeighborhood(new App(), config, sources, process.env.CDK_DEFAULT_ACCOUNT || undefined);
