/**
 * The variables `npm start` gives the Worker and the builder, for its
 * default ports: what the configuration tests parse as "the local stack".
 */
import { localEdgeVars } from '../../scripts/local/edge';
import { LOCAL_KVS_ARN } from '../../scripts/local/kvs';

export const defaultLocalVars = () =>
  localEdgeVars({
    port: 8787,
    dynamoEndpoint: 'http://127.0.0.1:8000',
    table: 'nbhd',
    plcUrl: 'http://localhost:2582',
    pdsUrl: 'http://localhost:2583',
    builderPort: 8789,
    sitesPort: 8788,
    s3Endpoint: 'http://127.0.0.1:8790',
    sitesBucket: 'nbhd-sites',
    kvsEndpoint: 'http://localhost:8791',
    kvsArn: LOCAL_KVS_ARN,
  });
