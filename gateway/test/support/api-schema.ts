import { ApolloGateway } from '@apollo/gateway';
import { parse, subscribe, validate, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { composeSubgraphFiles, defaultSubgraphEndpoints } from '../../src/index.js';
import { acknowledgeEnforcedSecurityFeatures } from '../../src/composition/security-features.js';
import { extendWithSubscriptions } from '../../src/subscriptions/subscription-schema.js';

/** The real API schema of the three subgraphs (composed offline, no subgraph contacted), with and without subscriptions. */
export async function loadApiSchema(): Promise<{ apiSchema: GraphQLSchema; subscriptionSchema: GraphQLSchema }> {
  const { supergraphSdl, errors } = composeSubgraphFiles(defaultSubgraphEndpoints());
  if (!supergraphSdl) throw new Error(`composition failed: ${String(errors)}`);
  const gateway = new ApolloGateway({ supergraphSdl: acknowledgeEnforcedSecurityFeatures(supergraphSdl) });
  const { schema } = await gateway.load();
  await gateway.stop();
  return { apiSchema: schema, subscriptionSchema: extendWithSubscriptions(schema) };
}

/** The resolve info graphql-js hands the subscription field for this client operation. */
export async function subscriptionInfo(schema: GraphQLSchema, operation: string, variables: Record<string, unknown> = {}): Promise<GraphQLResolveInfo> {
  const document = parse(operation);
  const problems = validate(schema, document);
  if (problems.length) throw new Error(problems.map((problem) => problem.message).join('\n'));
  let captured: GraphQLResolveInfo | undefined;
  const result = await subscribe({
    schema,
    document,
    variableValues: variables,
    subscribeFieldResolver: (_source, _args, _context, info) => {
      captured = info;
      return (async function* () {})();
    },
  });
  if ('errors' in result && result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  if (!captured) throw new Error('the subscription field was not resolved');
  return captured;
}
