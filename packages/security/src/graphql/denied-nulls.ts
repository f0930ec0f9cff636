import {
  getDirectiveValues,
  getOperationAST,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { DeniedField } from './field-filter.js';

export interface DeniedNullsInput {
  schema: GraphQLSchema;
  /** The operation as the client sent it (before denied fields were removed). */
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Readonly<Record<string, unknown>> | null | undefined;
  /** The data the filtered operation produced. */
  data: Record<string, unknown> | null | undefined;
  denied: ReadonlyMap<string, DeniedField>;
}

type Path = readonly (string | number)[];
/** A null where the schema says non-null: the nearest nullable parent becomes null instead (GraphQL's null bubbling). */
const BUBBLE = Symbol('bubble');

export function deniedFieldError(coordinate: string, denied: DeniedField, path: Path): GraphQLFormattedError {
  const message =
    denied.denial === 'UNAUTHENTICATED'
      ? `${coordinate} needs a signed-in user: send Authorization: Bearer <token>`
      : `${coordinate} needs ${denied.needs}, which this token does not have`;
  return { message, path: [...path], extensions: { code: denied.denial } };
}

/**
 * Puts back, in the response, every field that was removed because the identity may not read it: null at its own
 * path (inside lists, at each item) with a FORBIDDEN or UNAUTHENTICATED error there, then bubbles the null up to the
 * nearest nullable parent when the field is non-null, as Apollo Router answers. @skip/@include are honoured, so a
 * field the client skipped gets no error. Returns the data (changed in place) and the errors, in response order.
 */
export function placeDeniedNulls(input: DeniedNullsInput): { data: Record<string, unknown> | null | undefined; errors: GraphQLFormattedError[] } {
  const errors: GraphQLFormattedError[] = [];
  const operation = getOperationAST(input.document, input.operationName ?? undefined);
  const rootType = operation ? input.schema.getRootType(operation.operation) : undefined;
  if (!operation || !rootType || !input.data) return { data: input.data, errors };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of input.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const variables = (input.variables ?? {}) as Record<string, unknown>;

  const included = (node: FieldNode | SelectionSetNode['selections'][number]) => {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };
  const applies = (typeCondition: string | undefined, runtimeType: GraphQLObjectType) => {
    if (!typeCondition || typeCondition === runtimeType.name) return true;
    const conditionType = input.schema.getType(typeCondition);
    return conditionType !== undefined && isCompositeType(conditionType) && !isObjectType(conditionType) && input.schema.isSubType(conditionType, runtimeType);
  };
  const collect = (selectionSets: readonly SelectionSetNode[], runtimeType: GraphQLObjectType, into = new Map<string, FieldNode[]>()) => {
    for (const selectionSet of selectionSets) {
      for (const selection of selectionSet.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          into.set(key, [...(into.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (applies(selection.typeCondition?.name.value, runtimeType)) collect([selection.selectionSet], runtimeType, into);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment && applies(fragment.typeCondition.name.value, runtimeType)) collect([fragment.selectionSet], runtimeType, into);
        }
      }
    }
    return into;
  };
  const deniedAt = (runtimeType: GraphQLObjectType, fieldName: string) => {
    const own = `${runtimeType.name}.${fieldName}`;
    if (input.denied.has(own)) return [own, input.denied.get(own)!] as const;
    for (const implemented of runtimeType.getInterfaces()) {
      const coordinate = `${implemented.name}.${fieldName}`;
      if (input.denied.has(coordinate)) return [coordinate, input.denied.get(coordinate)!] as const;
    }
    return undefined;
  };

  const completeObject = (
    value: Record<string, unknown>,
    staticType: GraphQLOutputType,
    selectionSets: readonly SelectionSetNode[],
    path: Path,
  ): Record<string, unknown> | typeof BUBBLE => {
    const typename = value.__typename;
    const named = typeof typename === 'string' ? input.schema.getType(typename) : undefined;
    const runtimeType = named && isObjectType(named) ? named : isObjectType(staticType) ? staticType : undefined;
    if (!runtimeType) return value;
    const fields = collect(selectionSets, runtimeType);
    // a selection set the filter left empty got a __typename the client did not ask for
    for (const key of Object.keys(value)) if (!fields.has(key)) delete value[key];
    // every denied field gets its error, even after a sibling's null has doomed this object
    let bubble = false;
    for (const [key, nodes] of fields) {
      const fieldName = nodes[0]!.name.value;
      const definition = runtimeType.getFields()[fieldName];
      if (fieldName.startsWith('__') || !definition) continue;
      const denied = deniedAt(runtimeType, fieldName);
      if (denied) {
        value[key] = null;
        errors.push(deniedFieldError(denied[0], denied[1], [...path, key]));
        bubble ||= isNonNullType(definition.type);
        continue;
      }
      const child = value[key];
      if (child === null || child === undefined) continue;
      const subSelections = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      const completed = completeValue(definition.type, child, subSelections, [...path, key]);
      if (completed === BUBBLE) bubble = true;
      else value[key] = completed;
    }
    return bubble ? BUBBLE : value;
  };

  const completeValue = (type: GraphQLOutputType, value: unknown, selectionSets: readonly SelectionSetNode[], path: Path): unknown => {
    if (value === null || value === undefined) return value;
    if (isNonNullType(type)) {
      const completed = completeValue(type.ofType, value, selectionSets, path);
      return completed === null ? BUBBLE : completed;
    }
    let completed: unknown = value;
    if (isListType(type) && Array.isArray(value)) {
      const items = value.map((item, index) => completeValue(type.ofType, item, selectionSets, [...path, index]));
      completed = items.includes(BUBBLE) ? BUBBLE : items;
    } else if (isCompositeType(type) && typeof value === 'object' && selectionSets.length > 0) {
      completed = completeObject(value as Record<string, unknown>, type, selectionSets, path);
    }
    return completed === BUBBLE ? null : completed;
  };

  const data = completeObject(input.data, rootType, [operation.selectionSet], []);
  return { data: data === BUBBLE ? null : data, errors };
}
