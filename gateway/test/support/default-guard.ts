import type { GraphQLSchema } from 'graphql';
import { composeSubgraphFiles, defaultSubgraphEndpoints } from '../../src/index.js';
import { DEFAULT_GUARD_SETTINGS } from '../../src/plugins/operation-guard-setup.js';
import { OperationGuard } from '../../src/plugins/operation-guard.js';
import { loadApiSchema } from './api-schema.js';

/** The API schema (subscriptions included) and an operation guard with the default limits on the composed supergraph. */
export async function defaultGuard(): Promise<{ schema: GraphQLSchema; guard: OperationGuard }> {
  const schema = (await loadApiSchema()).subscriptionSchema;
  const { supergraphSdl } = composeSubgraphFiles(defaultSubgraphEndpoints());
  const guard = new OperationGuard(DEFAULT_GUARD_SETTINGS);
  guard.updateSupergraph(supergraphSdl!);
  return { schema, guard };
}
