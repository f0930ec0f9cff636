import { Kind, parse, valueFromASTUntyped, type DirectiveNode, type DocumentNode } from 'graphql';

/** Federation's @listSize on a field (https://specs.apollo.dev/cost/v0.1). */
export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** Federation's @cost and @listSize as the supergraph carries them, by schema coordinate. */
export interface CostDirectives {
  /** `Type.field` → @cost(weight) on the field. */
  fieldWeights: ReadonlyMap<string, number>;
  /** `Type` → @cost(weight) on an object, scalar or enum type. */
  typeWeights: ReadonlyMap<string, number>;
  /** `Type.field` → @listSize. */
  listSizes: ReadonlyMap<string, ListSize>;
}

export const NO_COST_DIRECTIVES: CostDirectives = { fieldWeights: new Map(), typeWeights: new Map(), listSizes: new Map() };

const COST_SPEC = 'https://specs.apollo.dev/cost/';

/**
 * Reads @cost and @listSize from a composed supergraph. Composition links them from the cost spec
 * (`@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])`): `@cost` is the spec's own name, the
 * others are `cost__…` unless imported; `as` and an import's `as` rename them.
 */
export function readCostDirectives(supergraphSdl: string | DocumentNode): CostDirectives {
  const document = typeof supergraphSdl === 'string' ? parse(supergraphSdl) : supergraphSdl;
  const names = costDirectiveNames(document);
  const fieldWeights = new Map<string, number>();
  const typeWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives, names.cost);
    if (typeWeight !== undefined) typeWeights.set(typeName, typeWeight);
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const coordinate = `${typeName}.${field.name.value}`;
      const weight = weightOf(field.directives, names.cost);
      if (weight !== undefined) fieldWeights.set(coordinate, weight);
      const listSize = listSizeOf(field.directives, names.listSize);
      if (listSize) listSizes.set(coordinate, listSize);
    }
  }
  return { fieldWeights, typeWeights, listSizes };
}

function costDirectiveNames(document: DocumentNode): { cost: string; listSize: string } {
  // @cost is the spec's eponymous directive: `@cost` (or the link's `as`) without an import; @listSize is namespaced
  const names = { cost: 'cost', listSize: 'cost__listSize' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const args = Object.fromEntries((link.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value)]));
      if (typeof args.url !== 'string' || !args.url.startsWith(COST_SPEC)) continue;
      if (typeof args.as === 'string') Object.assign(names, { cost: args.as, listSize: `${args.as}__listSize` });
      for (const imported of Array.isArray(args.import) ? (args.import as unknown[]) : []) {
        const [name, as] = typeof imported === 'string' ? [imported, imported] : [(imported as { name?: string }).name, (imported as { as?: string }).as];
        if (name === '@cost') names.cost = (as ?? name).replace(/^@/, '');
        if (name === '@listSize') names.listSize = (as ?? name).replace(/^@/, '');
      }
    }
  }
  return names;
}

function argumentsOf(directives: readonly DirectiveNode[] | undefined, name: string): Record<string, unknown> | undefined {
  const directive = directives?.find((candidate) => candidate.name.value === name);
  if (!directive) return undefined;
  return Object.fromEntries((directive.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value)]));
}

function weightOf(directives: readonly DirectiveNode[] | undefined, name: string): number | undefined {
  const weight = argumentsOf(directives, name)?.weight;
  return typeof weight === 'number' ? weight : undefined;
}

function listSizeOf(directives: readonly DirectiveNode[] | undefined, name: string): ListSize | undefined {
  const args = argumentsOf(directives, name);
  if (!args) return undefined;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined);
  const slicingArguments = strings(args.slicingArguments);
  const sizedFields = strings(args.sizedFields);
  return {
    ...(typeof args.assumedSize === 'number' ? { assumedSize: args.assumedSize } : {}),
    ...(slicingArguments ? { slicingArguments } : {}),
    ...(sizedFields ? { sizedFields } : {}),
  };
}
