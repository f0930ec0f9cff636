import { existsSync, readFileSync } from 'node:fs';
import { Kind, parse, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { AuthorizationRules } from '@alpes/security';
import { findSubgraphs } from './compose.js';
import { messageOf } from './util.js';

/** A field that should say who may read or run it and does not. */
export interface MissingDecision {
  /** e.g. `Mutation.aprobarComision`, `Afiliado.email`. */
  coordinate: string;
  /** The subgraph (or `gateway` for the subscription SDL) whose file declares the field. */
  source: string;
  why: 'root field' | 'sensitive field';
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
/** Contact data and money: a field with one of these names, or of type Decimal (amounts, budgets, percentages). */
const SENSITIVE_NAMES = new Set(['email', 'telefono']);
const SENSITIVE_TYPES = new Set(['Decimal']);

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * Every Query, Mutation and Subscription field, and every sensitive object field (e-mail, phone, money), must carry
 * an explicit decision: @authenticated or @requiresScopes. A field without one would be readable by anyone signed in,
 * or not at all, by accident; schema:check fails naming it.
 */
export function findMissingDecisions(subgraphsDir: string, subscriptionsFile: string): { missing: MissingDecision[]; errors: string[] } {
  const missing: MissingDecision[] = [];
  const errors: string[] = [];
  const sources = findSubgraphs(subgraphsDir).map((subgraph) => ({ name: subgraph.name, file: subgraph.file }));
  if (existsSync(subscriptionsFile)) sources.push({ name: 'gateway', file: subscriptionsFile });
  for (const source of sources) {
    let document: DocumentNode;
    try {
      document = parse(readFileSync(source.file, 'utf8'));
    } catch (error) {
      errors.push(`Authorization decisions: cannot read ${source.file}: ${messageOf(error)}`);
      continue;
    }
    const rules = AuthorizationRules.fromDocuments(document);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const typeName = definition.name.value;
      for (const field of (definition.fields ?? []) as readonly FieldDefinitionNode[]) {
        const fieldName = field.name.value;
        const why = ROOT_TYPES.has(typeName)
          ? 'root field'
          : SENSITIVE_NAMES.has(fieldName) || SENSITIVE_TYPES.has(namedType(field.type))
            ? 'sensitive field'
            : undefined;
        if (why && !rules.declares(typeName, fieldName)) missing.push({ coordinate: `${typeName}.${fieldName}`, source: source.name, why });
      }
    }
  }
  return { missing, errors };
}
