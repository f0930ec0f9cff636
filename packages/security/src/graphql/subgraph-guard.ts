import type { BaseContext } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { forbidden, scopeView, type Identity } from '../identity.js';
import type { AuthorizationRules } from './authorization-rules.js';
import { removeDeniedFields } from './field-filter.js';

export interface IdentifiedContext extends BaseContext {
  identity: Identity;
}

/** The only root fields the gateway's own identity may ask for: the schema (composition) and __typename (readiness). */
const GATEWAY_SERVICE_FIELDS = new Set(['_service', '__typename']);

/**
 * A subgraph's second line of defence: the gateway already removed what the identity may not read, so a request that
 * still asks for a denied field did not come through the gateway's filter. It is refused as a whole (HTTP 403), and
 * the gateway's service identity may read the schema and nothing else. Decisions are cached per parsed document
 * (Apollo reuses one DocumentNode per query text) and scope set. Runs once the operation is resolved, before execution
 * (the platform's OperationGuard: Apollo's didResolveOperation, and the subgraph's direct execution path).
 */
export function subgraphAuthorizationGuard<Context extends IdentifiedContext>(
  rules: AuthorizationRules,
): (check: { contextValue: Context; document: DocumentNode; operation: OperationDefinitionNode | undefined; schema: GraphQLSchema }) => void {
  const decisions = new WeakMap<DocumentNode, Map<string, string | null>>();
  const deniedCoordinates = (schema: GraphQLSchema, document: DocumentNode, identity: Identity): string | null => {
    let byView = decisions.get(document);
    if (!byView) {
      byView = new Map();
      decisions.set(document, byView);
    }
    const view = scopeView(identity);
    if (!byView.has(view)) {
      const { denied } = removeDeniedFields(schema, document, rules, identity);
      byView.set(view, denied.size === 0 ? null : [...denied.keys()].join(', '));
    }
    return byView.get(view) ?? null;
  };
  return ({ contextValue, document, operation, schema }) => {
    const { identity } = contextValue;
    if (identity.kind === 'gateway') {
      if (!operation || !onlyServiceFields(operation)) throw refuse('the gateway service identity may only read the schema');
      return;
    }
    const denied = deniedCoordinates(schema, document, identity);
    if (denied) throw refuse(`not authorized to read ${denied}`);
  };
}

function onlyServiceFields(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'query' &&
    operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && GATEWAY_SERVICE_FIELDS.has(selection.name.value))
  );
}

function refuse(message: string) {
  return forbidden(message, { status: 403 });
}
