import { readFileSync } from 'node:fs';
import { composeServices, type CompositionResult } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, type SubgraphEndpoint } from './subgraph-list.js';

const REPO_ROOT = new URL('../../../', import.meta.url);

export function subgraphSchemaFile(name: string): URL {
  return new URL(`subgraphs/${name}/schema.graphql`, REPO_ROOT);
}

/** Composes the supergraph offline from each subgraph's schema.graphql (what `rover supergraph compose` does). */
export function composeSubgraphFiles(
  endpoints: SubgraphEndpoint[],
  readSdl = (name: string) => readFileSync(subgraphSchemaFile(name), 'utf8'),
): CompositionResult {
  return composeServices(endpoints.map(({ name, url }) => ({ name, url, typeDefs: parse(readSdl(name)) })));
}

export function defaultSubgraphEndpoints(host = 'localhost', firstPort = 4001): SubgraphEndpoint[] {
  return SUBGRAPH_NAMES.map((name, index) => ({ name, url: `http://${host}:${firstPort + index}/graphql` }));
}

/** Human-readable composition errors: code plus message (which names subgraph, type and field). */
export function describeCompositionErrors(result: CompositionResult): string[] {
  return (result.errors ?? []).map((error) => `${String(error.extensions?.code ?? 'COMPOSITION_ERROR')}: ${error.message}`);
}
