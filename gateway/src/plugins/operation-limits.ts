import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** What the static limits measure of one operation, fragments expanded. */
export interface OperationMeasures {
  depth: number;
  aliases: number;
  rootFields: number;
}

interface SetMeasure {
  /** Deepest field nesting below (and including) this selection set's fields. */
  depth: number;
  /** Aliased fields in the expanded tree. */
  aliases: number;
  /** Fields directly in this selection set once inline fragments and spreads are flattened. */
  fields: number;
}

const NOTHING: SetMeasure = { depth: 0, aliases: 0, fields: 0 };

/** Introspection (`__schema`, `__type`) is the schema's own and not limited: GraphiQL's query alone is 13 deep. */
export function isIntrospectionField(name: string): boolean {
  return name === '__schema' || name === '__type';
}

/**
 * Depth, aliases and root fields of the operation to run, with every fragment expanded where it is spread. Each
 * fragment is measured once and its measure reused at each spread, so a document that spreads fragments inside
 * fragments (a "fragment bomb") is measured in time linear in its size, while its counts grow as the expansion does.
 * Undefined when the document has no such operation (validation reports that).
 */
export function measureOperation(document: DocumentNode, operationName?: string | null): OperationMeasures | undefined {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, SetMeasure>();
  const visiting = new Set<string>();

  const fragmentMeasure = (name: string): SetMeasure => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return NOTHING; // unknown or cyclic: validation rejects both
    visiting.add(name);
    const measure = setMeasure(fragment.selectionSet);
    visiting.delete(name);
    measured.set(name, measure);
    return measure;
  };

  const setMeasure = (selectionSet: SelectionSetNode): SetMeasure => {
    let depth = 0;
    let aliases = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      let inner: SetMeasure;
      if (selection.kind === Kind.FIELD) {
        if (isIntrospectionField(selection.name.value)) continue;
        const below = selection.selectionSet ? setMeasure(selection.selectionSet) : NOTHING;
        inner = { depth: below.depth + 1, aliases: below.aliases + (selection.alias ? 1 : 0), fields: 1 };
      } else {
        inner = selection.kind === Kind.INLINE_FRAGMENT ? setMeasure(selection.selectionSet) : fragmentMeasure(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      fields += inner.fields;
    }
    return { depth, aliases, fields };
  };

  const root = setMeasure(operation.selectionSet);
  return { depth: root.depth, aliases: root.aliases, rootFields: root.fields };
}
