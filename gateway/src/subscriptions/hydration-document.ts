import {
  Kind,
  OperationTypeNode,
  print,
  visit,
  type ArgumentNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type NameNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** What the subscription resolver knows about the client's operation. */
export type ClientSelection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues' | 'operation'>;

/** The follow-up query that loads an event's entity through the gateway with the client's own selection. */
export interface HydrationRequest {
  /** Printed query: `query ($id: ID!, …) { <responseKey>: comision(id: $id) { <client selection> } } <fragments>`. */
  document: string;
  /** Name of the variable that carries the entity id (`id`, unless the client already uses that name). */
  idVariable: string;
  /** The client's variables (coerced values) that the selection uses, and only those. */
  variables: Record<string, unknown>;
  /** Response keys under which the client selected the entity (aliases included). */
  responseKeys: string[];
}

const name = (value: string): NameNode => ({ kind: Kind.NAME, value });

/**
 * Builds the hydration query for `entityField` (e.g. `comision`) of the event the client subscribed to, or
 * undefined when the client did not select the entity. Aliases, directives, inline fragments, fragment spreads
 * (and the fragment definitions they need) and the variables the selection uses are carried over.
 */
export function buildHydrationRequest(client: ClientSelection, entityField: string, queryField = entityField): HydrationRequest | undefined {
  const clientVariables = client.operation.variableDefinitions ?? [];
  const idVariable = unusedVariableName('id', new Set(clientVariables.map((definition) => definition.variable.name.value)));
  const idArgument: ArgumentNode = { kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.VARIABLE, name: name(idVariable) } };
  const responseKeys = new Set<string>();

  const collect = (selections: readonly SelectionNode[]): SelectionNode[] => {
    const collected: SelectionNode[] = [];
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== entityField) continue;
        const responseKey = selection.alias?.value ?? entityField;
        responseKeys.add(responseKey);
        collected.push({ ...selection, alias: name(responseKey), name: name(queryField), arguments: [idArgument] });
        continue;
      }
      const inner =
        selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet.selections : (client.fragments[selection.name.value]?.selectionSet.selections ?? []);
      const found = collect(inner);
      if (found.length === 0) continue;
      // A fragment's @skip/@include still applies: keep it on a type-less inline fragment around what it held.
      if (selection.directives?.length) {
        collected.push({ kind: Kind.INLINE_FRAGMENT, directives: selection.directives, selectionSet: { kind: Kind.SELECTION_SET, selections: found } });
      } else {
        collected.push(...found);
      }
    }
    return collected;
  };

  const selections = client.fieldNodes.flatMap((fieldNode) => collect(fieldNode.selectionSet?.selections ?? []));
  if (selections.length === 0) return undefined;

  const fragments = fragmentsUsedBy(selections, client.fragments);
  const usedVariables = variablesUsedBy([...selections, ...fragments]);
  const variableDefinitions: VariableDefinitionNode[] = [
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name(idVariable) },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
    },
    ...clientVariables.filter((definition) => usedVariables.has(definition.variable.name.value)),
  ];
  const variables: Record<string, unknown> = {};
  for (const variable of usedVariables) {
    if (Object.hasOwn(client.variableValues, variable)) variables[variable] = client.variableValues[variable];
  }

  const document = print({
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: name(`SubscriptionHydration_${queryField}`),
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
      ...fragments,
    ],
  });
  return { document, idVariable, variables, responseKeys: [...responseKeys] };
}

function unusedVariableName(preferred: string, taken: ReadonlySet<string>): string {
  let candidate = preferred;
  for (let suffix = 1; taken.has(candidate); suffix += 1) candidate = `${preferred}${suffix}`;
  return candidate;
}

/** The fragment definitions the selections spread, directly or through other fragments. */
function fragmentsUsedBy(selections: SelectionNode[], fragments: Record<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending = [...spreadNames(selections)];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const fragment = fragments[next];
    if (!fragment || used.has(next)) continue;
    used.set(next, fragment);
    pending.push(...spreadNames(fragment.selectionSet.selections));
  }
  return [...used.values()];
}

function spreadNames(nodes: readonly SelectionNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { FragmentSpread: (spread) => void names.add(spread.name.value) });
  return names;
}

function variablesUsedBy(nodes: readonly (SelectionNode | FragmentDefinitionNode)[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  return names;
}
