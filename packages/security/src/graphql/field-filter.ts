import {
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Identity } from '../identity.js';
import type { AuthorizationRules, Denial } from './authorization-rules.js';

/** One field the identity may not read, by schema coordinate (`Afiliado.email`). */
export interface DeniedField {
  denial: Denial;
  /** What it needs, in words ("scope afiliados:read or scope self:read"). */
  needs: string;
}

export interface FilteredDocument {
  /** The document without the denied fields (the original when nothing was denied). */
  document: DocumentNode;
  /** Denied coordinates: the response gets null and an error wherever one was selected. */
  denied: ReadonlyMap<string, DeniedField>;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Removes every field the identity may not read, wherever it appears: under an alias, in a fragment definition or an
 * inline fragment, whatever its @skip/@include say (they are evaluated later, when nulls are placed). This is what
 * Apollo Router does before planning, so a denied field never reaches a subgraph, and a denied mutation never runs.
 * A selection set left empty keeps `__typename` (a valid document), and variables only denied fields used are
 * dropped from the operations' definitions.
 */
export function removeDeniedFields(schema: GraphQLSchema, document: DocumentNode, rules: AuthorizationRules, identity: Identity): FilteredDocument {
  const denied = new Map<string, DeniedField>();
  const typeInfo = new TypeInfo(schema);
  const filtered = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value.startsWith('__')) return undefined;
        const parent = typeInfo.getParentType();
        const definition = typeInfo.getFieldDef();
        if (!parent || !definition) return undefined; // unknown field: validation has rejected the document already
        const returnType = getNamedType(definition.type).name;
        const denial = rules.deny(identity, parent.name, node.name.value, returnType);
        if (!denial) return undefined;
        denied.set(`${parent.name}.${node.name.value}`, { denial, needs: rules.describe(parent.name, node.name.value, returnType) });
        return null;
      },
    }),
  );
  if (denied.size === 0) return { document, denied };
  const nonEmpty = visit(filtered, {
    SelectionSet: {
      leave: (node: SelectionSetNode) => (node.selections.length === 0 ? { ...node, selections: [TYPENAME] } : undefined),
    },
  });
  return { document: withoutUnusedVariables(nonEmpty), denied };
}

/** Drops variable definitions that no remaining selection of the operation (or a fragment it spreads) uses. */
function withoutUnusedVariables(document: DocumentNode): DocumentNode {
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const usedBy = (operation: OperationDefinitionNode): Set<string> => {
    const used = new Set<string>();
    const seen = new Set<string>();
    const pending: SelectionSetNode[] = [operation.selectionSet];
    for (let next = pending.pop(); next; next = pending.pop()) {
      visit(next, {
        Variable: (variable) => void used.add(variable.name.value),
        FragmentSpread: (spread) => {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !seen.has(spread.name.value)) {
            seen.add(spread.name.value);
            pending.push(fragment.selectionSet);
          }
        },
      });
    }
    // variables in the operation's own directives count too
    for (const directive of operation.directives ?? []) visit(directive, { Variable: (variable) => void used.add(variable.name.value) });
    return used;
  };
  return {
    ...document,
    definitions: document.definitions.map((definition) => {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.variableDefinitions?.length) return definition;
      const used = usedBy(definition);
      const kept = definition.variableDefinitions.filter((variable) => used.has(variable.variable.name.value));
      return kept.length === definition.variableDefinitions.length ? definition : { ...definition, variableDefinitions: kept };
    }),
  };
}
