import { Kind, parse, type DocumentNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';

/**
 * The errors of an entity fetch (`_entities(representations: …)`) that failed as a whole: one per entity and
 * requested field, at `_entities.<index>.<field>`, which the gateway maps to that field's place in the response.
 * So a client keeps what the other subgraphs returned and sees the failure where it happened, not as a path-less
 * error. Undefined when the request is not an entity fetch (a root field failed: nothing partial to keep).
 */
export function entityFetchErrors(
  request: { query?: string; variables?: Record<string, unknown> },
  document: DocumentNode | undefined,
  error: Pick<GraphQLFormattedError, 'message' | 'extensions'>,
): GraphQLFormattedError[] | undefined {
  const representations = request.variables?.representations;
  if (!Array.isArray(representations) || representations.length === 0) return undefined;
  const fieldsByType = requestedEntityFields(document ?? (request.query ? parse(request.query) : undefined));
  if (!fieldsByType) return undefined;
  return representations.flatMap((representation, index) => {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    const fields = typeof typename === 'string' ? (fieldsByType.get(typename) ?? []) : [];
    return fields.map((field) => ({ message: error.message, extensions: error.extensions, path: ['_entities', index, field] }));
  });
}

/**
 * The errors of a root fetch (the operation's own top-level fields) that failed as a whole: one per top-level response
 * key, at its own path, so a root field of a failed subgraph is null with its error where it is and the root fields
 * of the other subgraphs stay. Undefined for an entity fetch or a document without fields.
 */
export function rootFetchErrors(
  request: { query?: string },
  document: DocumentNode | undefined,
  error: Pick<GraphQLFormattedError, 'message' | 'extensions'>,
): GraphQLFormattedError[] | undefined {
  const parsed = document ?? (request.query ? parse(request.query) : undefined);
  const operation = parsed?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  const keys = responseKeys(operation.selectionSet);
  if (keys.length === 0 || keys.includes('_entities')) return undefined;
  return keys.map((key) => ({ message: error.message, extensions: error.extensions, path: [key] }));
}

/** Response keys selected on each entity type under `_entities` (its inline fragments), `__typename` aside. */
function requestedEntityFields(document: DocumentNode | undefined): Map<string, string[]> | undefined {
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  const entities = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities');
  if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return undefined;
  const byType = new Map<string, string[]>();
  for (const selection of entities.selectionSet.selections) {
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) continue;
    const type = selection.typeCondition.name.value;
    byType.set(type, [...(byType.get(type) ?? []), ...responseKeys(selection.selectionSet)]);
  }
  return byType;
}

function responseKeys(selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection.alias?.value ?? selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return responseKeys(selection.selectionSet);
    return [];
  });
}
