import type { ReadinessCheck } from '@alpes/platform';
import type { SubgraphEndpoint } from './composition/subgraph-list.js';

/** The gateway's own Authorization for its probes (its service identity: `__typename` and nothing else). */
export type ProbeAuthorization = () => Promise<string | undefined>;

async function subgraphAnswers({ name, url }: SubgraphEndpoint, authorization: ProbeAuthorization): Promise<void> {
  const probeAuthorization = await authorization();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...(probeAuthorization ? { authorization: probeAuthorization } : {}) },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  if (!response.ok) throw new Error(`${name} answered HTTP ${response.status}`);
}

/**
 * The gateway is ready when its schema is loaded, every subgraph answers and, with a bus, its websocket subscriptions
 * are served: the HTTP server listens before the subscription server has opened its bus reader and attached to it,
 * and meanwhile an upgrade on /graphql is answered as a plain GET (HTTP 400), a client's socket error.
 */
export function gatewayReadiness(
  subgraphs: () => SubgraphEndpoint[],
  schemaLoaded: () => boolean,
  authorization: ProbeAuthorization,
  subscriptionsServed?: () => boolean,
): ReadinessCheck[] {
  const subscriptions: ReadinessCheck[] = subscriptionsServed
    ? [
        {
          name: 'subscriptions',
          check: async () => {
            if (!subscriptionsServed()) throw new Error('websocket subscriptions not served yet');
          },
        },
      ]
    : [];
  return [
    ...subscriptions,
    {
      name: 'supergraph',
      check: async () => {
        if (!schemaLoaded()) throw new Error('supergraph not loaded yet');
      },
    },
    {
      name: 'subgraphs',
      check: async () => {
        const failures = (await Promise.allSettled(subgraphs().map((subgraph) => subgraphAnswers(subgraph, authorization)))).flatMap((result, index) =>
          result.status === 'rejected'
            ? [`${subgraphs()[index]?.name}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`]
            : [],
        );
        if (failures.length > 0) throw new Error(failures.join('; '));
      },
    },
  ];
}
