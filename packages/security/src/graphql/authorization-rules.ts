import {
  Kind,
  visit,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeDefinitionNode,
  type TypeExtensionNode,
} from 'graphql';
import type { Identity } from '../identity.js';

/** What a field (or a type) requires, from Federation's @authenticated and @requiresScopes. */
export interface Requirement {
  authenticated: boolean;
  /** OR of AND-sets: met when the identity holds every scope of at least one set. Null: no scope needed. */
  scopeSets: readonly (readonly string[])[] | null;
}

export type Denial = 'UNAUTHENTICATED' | 'FORBIDDEN';

/** The two directives' names in a document: their spec names, Federation's prefixed names, and `@link` renames. */
function directiveNames(document: DocumentNode): { authenticated: Set<string>; requiresScopes: Set<string> } {
  const names = {
    authenticated: new Set(['authenticated', 'federation__authenticated']),
    requiresScopes: new Set(['requiresScopes', 'federation__requiresScopes']),
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of definition.directives ?? []) {
      if (link.name.value !== 'link') continue;
      const url = stringArgument(link, 'url') ?? '';
      const as = stringArgument(link, 'as');
      if (as && /\/authenticated\/v/.test(url)) names.authenticated.add(as);
      if (as && /\/requiresScopes\/v/.test(url)) names.requiresScopes.add(as);
      for (const imported of listArgument(link, 'import')) {
        if (imported.kind !== Kind.OBJECT) continue;
        const name = imported.fields.find((field) => field.name.value === 'name')?.value;
        const rename = imported.fields.find((field) => field.name.value === 'as')?.value;
        if (name?.kind !== Kind.STRING || rename?.kind !== Kind.STRING) continue;
        if (name.value === '@authenticated') names.authenticated.add(rename.value.replace(/^@/, ''));
        if (name.value === '@requiresScopes') names.requiresScopes.add(rename.value.replace(/^@/, ''));
      }
    }
  }
  return names;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function listArgument(directive: ConstDirectiveNode, name: string): readonly ConstValueNode[] {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.LIST ? value.values : [];
}

function scopeSetsOf(directive: ConstDirectiveNode): string[][] {
  return listArgument(directive, 'scopes').map((set) =>
    set.kind === Kind.LIST ? set.values.flatMap((scope) => (scope.kind === Kind.STRING ? [scope.value] : [])) : [],
  );
}

/** Both requirements at once: authenticated if either is, and the scope sets multiplied out (AND of ORs). */
export function combine(first: Requirement | undefined, second: Requirement | undefined): Requirement | undefined {
  if (!first) return second;
  if (!second) return first;
  const scopeSets =
    first.scopeSets && second.scopeSets
      ? first.scopeSets.flatMap((left) => second.scopeSets!.map((right) => [...new Set([...left, ...right])]))
      : (first.scopeSets ?? second.scopeSets);
  return { authenticated: first.authenticated || second.authenticated, scopeSets };
}

/**
 * The authorization declared in an SDL (a subgraph's schema.graphql, a composed supergraph, the gateway's
 * subscription SDL): the requirement of each field coordinate (`Comision.monto`) and of each type. A field's
 * requirement is its own combined with its return type's, as Apollo Router applies them.
 */
export class AuthorizationRules {
  private constructor(
    private readonly fields: ReadonlyMap<string, Requirement>,
    private readonly types: ReadonlyMap<string, Requirement>,
  ) {}

  static fromDocuments(...documents: DocumentNode[]): AuthorizationRules {
    const fields = new Map<string, Requirement>();
    const types = new Map<string, Requirement>();
    for (const document of documents) {
      const names = directiveNames(document);
      const requirementOf = (directives: readonly ConstDirectiveNode[] | undefined): Requirement | undefined => {
        let requirement: Requirement | undefined;
        for (const directive of directives ?? []) {
          if (names.authenticated.has(directive.name.value)) requirement = combine(requirement, { authenticated: true, scopeSets: null });
          if (names.requiresScopes.has(directive.name.value)) requirement = combine(requirement, { authenticated: true, scopeSets: scopeSetsOf(directive) });
        }
        return requirement;
      };
      for (const definition of document.definitions) {
        if (!isTypeDefinitionOrExtension(definition)) continue;
        const typeName = definition.name.value;
        const own = requirementOf(definition.directives);
        if (own) types.set(typeName, combine(types.get(typeName), own)!);
        const fieldNodes = 'fields' in definition ? ((definition.fields ?? []) as readonly (FieldDefinitionNode | { kind: string })[]) : [];
        for (const field of fieldNodes) {
          if (field.kind !== Kind.FIELD_DEFINITION) continue;
          const requirement = requirementOf((field as FieldDefinitionNode).directives);
          const coordinate = `${typeName}.${(field as FieldDefinitionNode).name.value}`;
          if (requirement) fields.set(coordinate, combine(fields.get(coordinate), requirement)!);
        }
      }
    }
    return new AuthorizationRules(fields, types);
  }

  /** The field's own requirement combined with its return type's; undefined when neither declares one. */
  requirementOf(parentType: string, fieldName: string, returnType?: string): Requirement | undefined {
    return combine(this.fields.get(`${parentType}.${fieldName}`), returnType === undefined ? undefined : this.types.get(returnType));
  }

  /** Whether the field itself carries a decision (schema:check asks this of every root field). */
  declares(parentType: string, fieldName: string): boolean {
    return this.fields.has(`${parentType}.${fieldName}`);
  }

  /** Undefined when `identity` may read the field; otherwise why not. */
  deny(identity: Identity, parentType: string, fieldName: string, returnType?: string): Denial | undefined {
    return denialOf(this.requirementOf(parentType, fieldName, returnType), identity);
  }

  /** The requirement in words, for error messages. */
  describe(parentType: string, fieldName: string, returnType?: string): string {
    const requirement = this.requirementOf(parentType, fieldName, returnType);
    if (!requirement?.scopeSets) return 'a signed-in user';
    return requirement.scopeSets.map((set) => (set.length === 1 ? `scope ${set[0]}` : `scopes ${set.join(' + ')}`)).join(' or ');
  }
}

export function denialOf(requirement: Requirement | undefined, identity: Identity): Denial | undefined {
  if (!requirement) return undefined;
  if (identity.kind !== 'user') return 'UNAUTHENTICATED';
  if (requirement.scopeSets && !requirement.scopeSets.some((set) => set.every((scope) => identity.scopes.has(scope)))) return 'FORBIDDEN';
  return undefined;
}

function isTypeDefinitionOrExtension(definition: DocumentNode['definitions'][number]): definition is TypeDefinitionNode | TypeExtensionNode {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_EXTENSION ||
    definition.kind === Kind.SCALAR_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION
  );
}

/**
 * The document without @authenticated/@requiresScopes usages: for SDL the gateway serves itself (its subscription
 * types), whose rules are read with AuthorizationRules but whose schema has no such directive definitions.
 */
export function withoutAuthorizationDirectives(document: DocumentNode): DocumentNode {
  const names = directiveNames(document);
  return visit(document, {
    Directive: (node) => (names.authenticated.has(node.name.value) || names.requiresScopes.has(node.name.value) ? null : undefined),
  });
}
