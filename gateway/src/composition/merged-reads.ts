import { Kind, print, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * The text of one request carrying several reads, the way @graphql-tools/batch-execute merges them (its `_v<index>_`
 * prefixes: each read's root fields aliased, its variables and fragments renamed), built once per sequence of read
 * documents instead of once per batch. batch-execute re-visits and re-prints every read's document on every batch; a
 * gateway sends the same few fetch documents over and over, so the merged text is a lookup (`Map` key: the documents'
 * ids in order). Answers are split back by the same prefixes (splitMerged).
 */
export class MergedQueries {
  readonly #ids = new WeakMap<DocumentNode, number>();
  #nextId = 0;
  readonly #parts = new LRUCache<string, PrefixedRead>({ max: 2_000 });
  readonly #merged = new LRUCache<string, string>({ max: 1_000 });
  /** Merged texts built (not found): a probe for tests. */
  built = 0;

  /** The merged query text for these read documents, in this order (their variables go prefixed: prefixedVariables). */
  queryFor(documents: readonly DocumentNode[]): string {
    const key = documents.map((document) => this.#idOf(document)).join(',');
    let query = this.#merged.get(key);
    if (query === undefined) {
      const parts = documents.map((document, index) => this.#prefixed(document, index));
      const operationName = parts.find((part) => part.operationName)?.operationName;
      const variables = parts.flatMap((part) => part.variableDefinitions);
      query =
        `query${operationName ? ` ${operationName}` : ''}${variables.length ? `(${variables.join(', ')})` : ''} ` +
        `{ ${parts.flatMap((part) => part.selections).join(' ')} }${parts.flatMap((part) => part.fragments.map((fragment) => `\n${fragment}`)).join('')}`;
      this.#merged.set(key, query);
      this.built += 1;
    }
    return query;
  }

  #idOf(document: DocumentNode): number {
    let id = this.#ids.get(document);
    if (id === undefined) this.#ids.set(document, (id = this.#nextId += 1));
    return id;
  }

  #prefixed(document: DocumentNode, index: number): PrefixedRead {
    const key = `${this.#idOf(document)}:${index}`;
    let part = this.#parts.get(key);
    if (!part) this.#parts.set(key, (part = prefixRead(document, prefixOf(index))));
    return part;
  }
}

/** batch-execute's prefix for the read at `index` of a batch. */
export const prefixOf = (index: number) => `_v${index}_`;

/** A read's variables under their prefixed names. */
export function prefixedVariables(index: number, variables: Record<string, unknown> | undefined, into: Record<string, unknown>): void {
  if (!variables) return;
  const prefix = prefixOf(index);
  for (const name of Object.keys(variables)) into[prefix + name] = variables[name];
}

interface PrefixedRead {
  operationName?: string;
  variableDefinitions: string[];
  selections: string[];
  fragments: string[];
}

/** One read's document with batch-execute's renaming, printed in the pieces a merged query is made of. */
function prefixRead(document: DocumentNode, prefix: string): PrefixedRead {
  const renamed = visit(document, {
    [Kind.VARIABLE]: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    [Kind.FRAGMENT_DEFINITION]: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
    [Kind.FRAGMENT_SPREAD]: (node) => ({ ...node, name: { ...node.name, value: prefix + node.name.value } }),
  });
  const renamedFragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of renamed.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) renamedFragments.set(definition.name.value, definition);
  const part: PrefixedRead = { variableDefinitions: [], selections: [], fragments: [] };
  const spread = new Set<string>();
  const noteSpreads = (node: SelectionNode | FragmentDefinitionNode) => visit(node, { [Kind.FRAGMENT_SPREAD]: (found) => void spread.add(found.name.value) });
  for (const definition of renamed.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (definition.name && part.operationName === undefined) part.operationName = definition.name.value;
    part.variableDefinitions.push(...(definition.variableDefinitions ?? []).map((variable) => print(variable)));
    for (const selection of aliasRootSelections(prefix, definition.selectionSet.selections, renamedFragments)) {
      noteSpreads(selection);
      part.selections.push(print(selection));
    }
  }
  // fragments spread only at the root were inlined there: dropped, as batch-execute does (an unused fragment is invalid)
  renamedFragments.forEach(noteSpreads);
  for (const [name, fragment] of renamedFragments) if (spread.has(name)) part.fragments.push(print(fragment));
  return part;
}

/** Root fields aliased `<prefix><alias or name>`, through inline fragments and (inlined) fragment spreads, as batch-execute does. */
function aliasRootSelections(prefix: string, selections: readonly SelectionNode[], fragments: Map<string, FragmentDefinitionNode>): SelectionNode[] {
  return selections.map((selection): SelectionNode => {
    if (selection.kind === Kind.FIELD) return aliasField(prefix, selection);
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return {
        ...selection,
        selectionSet: { ...selection.selectionSet, selections: aliasRootSelections(prefix, selection.selectionSet.selections, fragments) },
      };
    const fragment = fragments.get(selection.name.value);
    if (!fragment) throw new Error(`Fragment ${selection.name.value} does not exist`);
    return {
      kind: Kind.INLINE_FRAGMENT,
      typeCondition: fragment.typeCondition,
      ...(selection.directives ? { directives: selection.directives } : {}),
      selectionSet: { ...fragment.selectionSet, selections: aliasRootSelections(prefix, fragment.selectionSet.selections, fragments) },
    };
  });
}

const aliasField = (prefix: string, field: FieldNode): FieldNode => ({
  ...field,
  alias: { kind: Kind.NAME, value: prefix + (field.alias ?? field.name).value },
});

/** An error of a subgraph's answer, as JSON. */
export interface AnswerError {
  message: string;
  path?: readonly (string | number)[];
  [key: string]: unknown;
}

/** One read's share of a merged answer. */
export interface SplitAnswer {
  data: Record<string, unknown> | null;
  errors?: AnswerError[];
}

const PREFIXED = /^_v(\d+)_(.+)$/;

/**
 * A merged answer split back per read (batch-execute's splitResult): each `_v<i>_` root key to read i under its own
 * name, each error with a path to the read its first prefixed key names, with that key unprefixed. The caller sends
 * every read alone when the answer has an error without a path.
 */
export function splitMerged(answer: { data?: Record<string, unknown> | null; errors?: readonly AnswerError[] }, reads: number): SplitAnswer[] {
  const split: SplitAnswer[] = Array.from({ length: reads }, () => ({ data: answer.data === null ? null : {} }));
  for (const [key, value] of Object.entries(answer.data ?? {})) {
    const match = PREFIXED.exec(key);
    if (!match) throw new Error(`Key ${key} is not correctly prefixed`);
    (split[Number(match[1])]!.data ??= {})[match[2]!] = value;
  }
  for (const error of answer.errors ?? []) {
    const at = error.path?.findIndex((segment) => typeof segment === 'string' && PREFIXED.test(segment)) ?? -1;
    const match = at >= 0 ? PREFIXED.exec(error.path![at] as string) : null;
    if (!match) throw new Error(`Path ${error.path?.join('.')} does not contain correctly prefixed key`);
    (split[Number(match[1])]!.errors ??= []).push({ ...error, path: [match[2]!, ...error.path!.slice(at + 1)] });
  }
  return split;
}

/** A read of a batch as far as its answer goes: its parsed document (one object per query text) and its variables. */
export interface ReadIdentity {
  document: DocumentNode;
  variables?: Record<string, unknown> | undefined;
}

/**
 * The reads of a batch that differ (same document object and same variables: the same read), by their index in the
 * batch, and how to hand the answers of those back to every read of the batch. A read identical to an earlier one gets
 * a deep copy of its answer: @apollo/gateway merges later fetches into the objects of an answer, so no two operations
 * may hold the same ones.
 */
export function distinctReads(reads: readonly ReadIdentity[]): { distinct: number[]; answerOf: (answers: SplitAnswer[]) => SplitAnswer[] } {
  const positions = new Map<DocumentNode, Map<string, number>>();
  const distinct: number[] = [];
  const positionOf = reads.map(({ document, variables }, index) => {
    let byVariables = positions.get(document);
    if (!byVariables) positions.set(document, (byVariables = new Map()));
    const key = variables === undefined ? '' : JSON.stringify(variables);
    let position = byVariables.get(key);
    if (position === undefined) {
      byVariables.set(key, (position = distinct.length));
      distinct.push(index);
    }
    return position;
  });
  return {
    distinct,
    answerOf: (answers) => {
      const handed = new Set<number>();
      return positionOf.map((position) => {
        const answer = answers[position]!;
        if (!handed.has(position)) {
          handed.add(position);
          return answer;
        }
        return copyOfJson(answer) as SplitAnswer;
      });
    },
  };
}

/** A deep copy of a value parsed from JSON (objects, arrays, strings, numbers, booleans, null). */
export function copyOfJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOfJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copyOfJson((value as Record<string, unknown>)[key]);
    // JSON.parse makes "__proto__" an own key; an assignment would set the copy's prototype instead
    if (key === '__proto__') Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
    else copy[key] = field;
  }
  return copy;
}
