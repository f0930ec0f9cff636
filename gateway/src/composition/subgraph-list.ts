/** A subgraph the gateway routes to. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export const SUBGRAPH_NAMES = ['afiliados', 'conversiones', 'marketing'] as const;

/** Reads the routing URLs recorded in a supergraph (`@join__graph(name: …, url: …)`). */
export function subgraphsOfSupergraph(supergraphSdl: string): SubgraphEndpoint[] {
  const pattern = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]*)"\)/g;
  return [...supergraphSdl.matchAll(pattern)].map(([, name = '', url = '']) => ({ name, url }));
}
