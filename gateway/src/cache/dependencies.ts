/**
 * What a cached subgraph fetch depends on, as strings the invalidation index and clock share:
 * - an entity, `Campana:<id>`: every `__typename`/`id` pair in the fetch's answer and in its `_entities` representations;
 * - a type, `type:Campana`: a root fetch (a list, a connection, an aggregate such as metricasConversiones, a lookup
 *   that answered null) depends on every entity type its subgraph knows (supergraph-types.ts), since any event of
 *   those types may change what it lists, counts or finds;
 * - everything, `*`: a root fetch of a subgraph the supergraph does not describe.
 */
export const EVERYTHING = '*';
export const typeDependency = (typename: string) => `type:${typename}`;
export const entityDependency = (typename: string, id: string) => `${typename}:${id}`;

/** An entity named by an event or found in an answer. */
export interface EntityRef {
  typename: string;
  id: string;
}

interface FetchRequestShape {
  variables?: Record<string, unknown> | null;
}

/** `_entities` fetches carry their keys as `representations`; every other fetch of a query is a root fetch. */
export function representationsOf(request: FetchRequestShape): unknown[] | undefined {
  const representations = request.variables?.representations;
  return Array.isArray(representations) ? representations : undefined;
}

/** The dependencies of one fetch: its entities, and for a root fetch the types of its subgraph. */
export function dependenciesOf(request: FetchRequestShape, data: unknown, subgraphTypes: ReadonlySet<string> | undefined): Set<string> {
  const dependencies = new Set<string>();
  const representations = representationsOf(request);
  if (representations) {
    for (const representation of representations) addEntity(representation, dependencies, true);
  } else if (subgraphTypes) {
    for (const typename of subgraphTypes) dependencies.add(typeDependency(typename));
  } else {
    dependencies.add(EVERYTHING);
  }
  collectEntities(data, dependencies);
  return dependencies;
}

/** A representation without an id string (another key) makes the fetch depend on its whole type. */
function addEntity(value: unknown, into: Set<string>, wholeTypeWithoutId: boolean): void {
  if (typeof value !== 'object' || value === null) return;
  const { __typename: typename, id } = value as { __typename?: unknown; id?: unknown };
  if (typeof typename !== 'string') return;
  if (typeof id === 'string' || typeof id === 'number') into.add(entityDependency(typename, String(id)));
  else if (wholeTypeWithoutId) into.add(typeDependency(typename));
}

function collectEntities(value: unknown, into: Set<string>): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectEntities(item, into);
    return;
  }
  addEntity(value, into, false);
  for (const field of Object.values(value)) if (typeof field === 'object' && field !== null) collectEntities(field, into);
}
