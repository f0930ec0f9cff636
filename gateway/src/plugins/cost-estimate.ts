import {
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInputType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  typeFromAST,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { CostDirectives, ListSize } from './cost-directives.js';
import { isIntrospectionField } from './operation-limits.js';

export interface CostEstimateInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  /** The request's variables: a `first: $n` counts as the value sent. */
  variables?: Readonly<Record<string, unknown>> | null;
  directives: CostDirectives;
  /** The size of a list that has no `first`, no slicing argument and no assumedSize (the connection default). */
  defaultListSize: number;
}

/** The list size assumed when nothing else tells it: the API's default `first` (every connection's). */
export const DEFAULT_LIST_SIZE = 20;

/** What a mutation's root field costs unless it declares @cost (Apollo's demand control: 10). */
export const MUTATION_ROOT_FIELD_COST = 10;

interface Sizing {
  /** Fields of this selection set whose list size the parent's @listSize(sizedFields) sets. */
  fields: readonly string[];
  size: number;
}

/**
 * The static estimated cost of an operation, as Apollo Router's demand control computes it: every object (composite)
 * a field returns costs 1 and a scalar or enum 0, unless @cost gives the field or its type a weight; a mutation's
 * root field costs 10; a list multiplies the cost of one element by its size: the value of its `first` argument (or
 * of its @listSize slicingArguments, the largest when several are given), else its @listSize assumedSize, else the
 * default list size. A connection (@listSize(sizedFields: ["nodes"])) passes its size down to its `nodes`. Fragments
 * are expanded; each is costed once per position and reused. Introspection costs nothing.
 */
export function estimateCost(input: CostEstimateInput): number {
  const { schema, document, directives, defaultListSize } = input;
  const operation = getOperationAST(document, input.operationName ?? undefined);
  if (!operation) return 0;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const sent = input.variables?.[name];
    const type = typeFromAST(schema, definition.type);
    variables[name] =
      sent !== undefined ? sent : definition.defaultValue && type && isInputType(type) ? valueFromAST(definition.defaultValue, type) : undefined;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const numberArgument = (node: FieldNode, field: GraphQLField<unknown, unknown>, name: string): number | undefined => {
    const definition = field.args.find((argument) => argument.name === name);
    if (!definition) return undefined;
    const given = node.arguments?.find((argument) => argument.name.value === name);
    // an argument not given, or given a variable without a value, takes its default (as graphql-js executes it)
    const sent = given ? valueFromAST(given.value, definition.type, variables) : undefined;
    const value = sent === undefined ? definition.defaultValue : sent;
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : undefined;
  };

  const listSizeOf = (node: FieldNode, field: GraphQLField<unknown, unknown>, declared: ListSize | undefined): number => {
    const sliced = (declared?.slicingArguments ?? ['first'])
      .map((name) => numberArgument(node, field, name))
      .filter((value): value is number => value !== undefined);
    if (sliced.length > 0) return Math.max(...sliced);
    return declared?.assumedSize ?? defaultListSize;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, sizing: Sizing | undefined): number => {
    const name = node.name.value;
    if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
    const field = parent.getFields()[name];
    if (!field) return 0; // validation rejects unknown fields
    const type = getNamedType(field.type);
    const coordinate = `${parent.name}.${name}`;
    const declared = directives.listSizes.get(coordinate);
    const weight =
      directives.fieldWeights.get(coordinate) ??
      directives.typeWeights.get(type.name) ??
      (parent === schema.getMutationType() ? MUTATION_ROOT_FIELD_COST : isCompositeType(type) ? 1 : 0);
    let count = 1;
    let childSizing: Sizing | undefined;
    if (isListType(getNullableType(field.type))) {
      count = sizing?.fields.includes(name) ? sizing.size : listSizeOf(node, field, declared);
    } else if (declared?.sizedFields) {
      childSizing = { fields: declared.sizedFields, size: listSizeOf(node, field, declared) };
    }
    const below = node.selectionSet ? setCost(node.selectionSet, type, childSizing) : 0;
    return count * (weight + below);
  };

  const setCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType, sizing: Sizing | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isIntrospectionField(selection.name.value)) total += fieldCost(selection, parent, sizing);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) total += setCost(selection.selectionSet, type, sizing);
      } else {
        total += fragmentCost(selection.name.value, sizing);
      }
    }
    return total;
  };

  const fragmentCost = (name: string, sizing: Sizing | undefined): number => {
    const key = sizing ? `${name}\n${sizing.size}\n${sizing.fields.join(',')}` : name;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
    if (!fragment || !type || visiting.has(name)) return 0; // unknown or cyclic: validation rejects both
    visiting.add(name);
    const cost = setCost(fragment.selectionSet, type, sizing);
    visiting.delete(name);
    fragmentCosts.set(key, cost);
    return cost;
  };

  return setCost(operation.selectionSet, rootType, undefined);
}
