import type { ReadinessCheck } from '@alpes/platform';
import type { SubgraphEndpoint } from './composition/subgraph-list.js';

async function subgraphAnswers({ name, url }: SubgraphEndpoint): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  if (!response.ok) throw new Error(`${name} answered HTTP ${response.status}`);
}

/** The gateway is ready when its schema is loaded and every subgraph answers. */
export function gatewayReadiness(subgraphs: () => SubgraphEndpoint[], schemaLoaded: () => boolean): ReadinessCheck[] {
  return [
    {
      name: 'supergraph',
      check: async () => {
        if (!schemaLoaded()) throw new Error('supergraph not loaded yet');
      },
    },
    {
      name: 'subgraphs',
      check: async () => {
        const failures = (await Promise.allSettled(subgraphs().map(subgraphAnswers))).flatMap((result, index) =>
          result.status === 'rejected' ? [`${subgraphs()[index]?.name}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`] : [],
        );
        if (failures.length > 0) throw new Error(failures.join('; '));
      },
    },
  ];
}
