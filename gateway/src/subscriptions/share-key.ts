import { getOperationAST, Kind, visit, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { authorizationView, type Identity } from '@alpes/security';

/** Which shared execution a subscription belongs to, and where it resumes when it gave desdeEvento. */
export interface ShareKey {
  key: string;
  /**
   * desdeEvento, given through a variable: the subscriber may join the running execution of the same operation
   * (without the cursor) when that execution still remembers the event; otherwise it replays from the bus alone.
   */
  resumeAfter?: string;
}

const schemaIds = new WeakMap<GraphQLSchema, number>();
let nextSchemaId = 1;

/**
 * What makes two subscriptions share one execution: the same schema, operation text, operation name and variables
 * (the desdeEvento variable aside), and the same authorization partition (authorizationView: the same scopes and
 * afiliado, so the same rows and fields). Undefined when the subscription must run alone: `shareable` says no for its
 * field (e.g. comando, which is per user), or it replays in a way no running execution can serve (desde; desdeEvento
 * written in the text, or with a default value, or its variable used elsewhere too).
 */
export function shareKeyOf(args: ExecutionArgs, identity: Identity, shareable: boolean): ShareKey | undefined {
  if (!shareable) return undefined;
  const operation = getOperationAST(args.document, args.operationName);
  const text = args.document.loc?.source.body;
  if (!operation || text === undefined) return undefined;
  const variables = { ...(args.variableValues ?? {}) };
  let cursorVariable: string | undefined;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    for (const argument of selection.arguments ?? []) {
      const { name, value } = argument;
      if (name.value === 'desdeEvento' && value.kind === Kind.VARIABLE && cursorVariable === undefined) cursorVariable = value.name.value;
      else if ((name.value === 'desde' || name.value === 'desdeEvento') && givenValue(value, variables)) return undefined;
    }
  }
  let resumeAfter: string | undefined;
  if (cursorVariable !== undefined) {
    if (!servesOnlyTheCursor(operation, cursorVariable)) return undefined;
    const cursor = variables[cursorVariable];
    if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') return undefined;
    resumeAfter = cursor ?? undefined;
    delete variables[cursorVariable];
  }
  let schemaId = schemaIds.get(args.schema);
  if (schemaId === undefined) schemaIds.set(args.schema, (schemaId = nextSchemaId++));
  const key = [schemaId, args.operationName ?? '', JSON.stringify(variables), authorizationView(identity), text].join('\n');
  return resumeAfter === undefined ? { key } : { key, resumeAfter };
}

function givenValue(value: { kind: Kind; name?: { value: string } }, variables: Record<string, unknown>): boolean {
  return value.kind === Kind.VARIABLE ? variables[value.name!.value] != null : value.kind !== Kind.NULL;
}

/** The variable has no default and is used once (as desdeEvento): leaving it out of the key changes nothing else. */
function servesOnlyTheCursor(operation: NonNullable<ReturnType<typeof getOperationAST>>, variable: string): boolean {
  const definition = operation.variableDefinitions?.find((candidate) => candidate.variable.name.value === variable);
  if (definition?.defaultValue) return false;
  let uses = 0;
  visit(operation.selectionSet, {
    Variable(node) {
      if (node.name.value === variable) uses += 1;
    },
  });
  return uses === 1;
}
