import {
  Kind,
  OperationTypeNode,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type NameNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { BoundedLru } from './bounded-lru.js';
import type { HydrationRequest } from './hydration-document.js';

/** One entity to load with one client's selection (a hydration request). */
export interface BatchItem {
  request: HydrationRequest;
  entityId: string;
}

/** What one item got back, as if it had run its own hydration query: data and errors keyed by its response keys. */
export interface ItemResult {
  data: Record<string, unknown>;
  errors: GraphQLFormattedError[];
}

/** One gateway operation that loads every item of a batch, and how to split its answer back per item. */
export interface BatchedHydration {
  document: string;
  variables: Record<string, unknown>;
  split(data: Record<string, unknown> | null | undefined, errors: readonly GraphQLFormattedError[] | undefined): ItemResult[];
}

const name = (value: string): NameNode => ({ kind: Kind.NAME, value });
const parsed = new BoundedLru<string, { operation: OperationDefinitionNode; fragments: FragmentDefinitionNode[] }>(1_000);

/**
 * Merges the hydration queries of a batch into ONE query: each (request, entity) pair gets its own copies of the
 * request's root fields, aliased `r<request>_e<entity>_<responseKey>`, and its own id variable `$r<request>_e<entity>`;
 * each request's variables and fragments are renamed `r<request>_v_<name>` and `r<request>_<name>`, so two clients'
 * `$first` or `fragment F` never meet. The same entity asked twice with the same selection (and variables) is loaded
 * once. The document's shape depends only on how many requests and entities a batch holds, so the gateway's plan and
 * document caches keep hitting.
 */
export function batchHydrations(items: readonly BatchItem[]): BatchedHydration {
  const requests = new Map<string, { index: number; request: HydrationRequest; entities: Map<string, number> }>();
  const placement = items.map(({ request, entityId }) => {
    const requestKey = `${request.document}\n${JSON.stringify(request.variables)}`;
    let entry = requests.get(requestKey);
    if (!entry) requests.set(requestKey, (entry = { index: requests.size, request, entities: new Map() }));
    let entity = entry.entities.get(entityId);
    if (entity === undefined) entry.entities.set(entityId, (entity = entry.entities.size));
    return { prefix: `r${entry.index}`, entity, responseKeys: request.responseKeys };
  });

  const variableDefinitions: VariableDefinitionNode[] = [];
  const selections: SelectionNode[] = [];
  const fragments: DefinitionNode[] = [];
  const variables: Record<string, unknown> = {};
  for (const { index, request, entities } of requests.values()) {
    const prefix = `r${index}`;
    const { operation, fragments: ownFragments } = parsedHydration(request.document);
    const renameVariable = (variable: string) => (variable === request.idVariable ? undefined : `${prefix}_v_${variable}`);
    for (const definition of operation.variableDefinitions ?? []) {
      const renamed = renameVariable(definition.variable.name.value);
      if (renamed) variableDefinitions.push({ ...definition, variable: { ...definition.variable, name: name(renamed) } });
    }
    for (const [variable, value] of Object.entries(request.variables)) variables[`${prefix}_v_${variable}`] = value;
    const idType = operation.variableDefinitions?.find((definition) => definition.variable.name.value === request.idVariable)?.type;
    if (!idType) throw new Error(`hydration document without $${request.idVariable}`);
    for (const [entityId, entity] of entities) {
      const idVariable = `${prefix}_e${entity}`;
      variables[idVariable] = entityId;
      variableDefinitions.push({ kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name(idVariable) }, type: idType });
      const renamed = operation.selectionSet.selections.map((selection) => renameIn(selection, prefix, (variable) => renameVariable(variable) ?? idVariable));
      selections.push(...realiasRootFields(renamed, `${prefix}_e${entity}_`));
    }
    fragments.push(...ownFragments.map((fragment) => renameIn(fragment, prefix, (variable) => renameVariable(variable) ?? variable)));
  }

  const document = print({
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: name('SubscriptionHydrationBatch'),
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  });
  return { document, variables, split: (data, errors) => placement.map((place) => itemResult(place, data ?? {}, errors ?? [])) };
}

function itemResult(
  place: { prefix: string; entity: number; responseKeys: readonly string[] },
  data: Record<string, unknown>,
  errors: readonly GraphQLFormattedError[],
): ItemResult {
  const aliasOf = (responseKey: string) => `${place.prefix}_e${place.entity}_${responseKey}`;
  const own: Record<string, unknown> = {};
  for (const key of place.responseKeys) if (Object.hasOwn(data, aliasOf(key))) own[key] = data[aliasOf(key)];
  const aliases = new Map(place.responseKeys.map((key) => [aliasOf(key), key]));
  const ownErrors = errors.flatMap((error): GraphQLFormattedError[] => {
    const head = error.path?.[0];
    if (typeof head !== 'string' || !/^r\d+_e\d+_/.test(head)) return [error]; // not under any item: every item's
    const key = aliases.get(head);
    return key === undefined ? [] : [{ ...error, path: [key, ...error.path!.slice(1)] }];
  });
  return { data: own, errors: ownErrors };
}

function parsedHydration(document: string): { operation: OperationDefinitionNode; fragments: FragmentDefinitionNode[] } {
  let entry = parsed.get(document);
  if (!entry) {
    const definitions = parse(document).definitions;
    const operation = definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    if (!operation) throw new Error('hydration document without an operation');
    entry = { operation, fragments: definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION) };
    parsed.set(document, entry);
  }
  return entry;
}

/** A copy with every variable renamed by `variableName` and every fragment (spread and definition) prefixed. */
function renameIn<Node extends SelectionNode | FragmentDefinitionNode>(node: Node, prefix: string, variableName: (variable: string) => string): Node {
  return visit(node, {
    Variable: (variable) => ({ ...variable, name: name(variableName(variable.name.value)) }),
    FragmentSpread: (spread) => ({ ...spread, name: name(`${prefix}_${spread.name.value}`) }),
    FragmentDefinition: (fragment) => ({ ...fragment, name: name(`${prefix}_${fragment.name.value}`) }),
  });
}

/**
 * The hydration query's top level holds only its root fields (aliased by response key) and the type-less inline
 * fragments that carry a client's @skip/@include around them (buildHydrationRequest); each root field gets the prefix.
 */
function realiasRootFields(selections: readonly SelectionNode[], prefix: string): SelectionNode[] {
  return selections.map((selection) => {
    if (selection.kind === Kind.FIELD) return { ...selection, alias: name(`${prefix}${selection.alias?.value ?? selection.name.value}`) };
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return { ...selection, selectionSet: { ...selection.selectionSet, selections: realiasRootFields(selection.selectionSet.selections, prefix) } };
    return selection;
  });
}
