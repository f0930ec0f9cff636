import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import type { Logger } from '../logger.js';
import { createErrorFormatter } from './format-error.js';

/** Headers every subgraph answer carries. */
export const SUBGRAPH_RESPONSE_HEADERS = { 'cache-control': 'no-store' } as const;

/** What Apollo's cache-control plugin answered for every subgraph response (no field has a cache hint). */
const NOT_CACHEABLE: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        for (const [name, value] of Object.entries(SUBGRAPH_RESPONSE_HEADERS)) response.http.headers.set(name, value);
      },
    };
  },
};

/** Subgraphs are SDL-first: the schema.graphql file is the contract, loaded at runtime. */
export function loadSubgraphSchema<Context>(schemaFile: URL | string, resolvers: GraphQLResolverMap<Context>): GraphQLSchema {
  const typeDefs = parse(readFileSync(schemaFile, 'utf8'));
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

/** Apollo Server's own default, made explicit so that the direct execution path answers the same. */
export function includeStacktraceInErrorResponses(nodeEnv = process.env.NODE_ENV ?? ''): boolean {
  return nodeEnv !== 'production' && nodeEnv !== 'test';
}

export function createSubgraphApollo<Context extends BaseContext>(options: {
  service: string;
  schema: GraphQLSchema;
  httpServer: Server;
  logger: Logger;
  plugins?: ApolloServerPlugin<Context>[];
  formatError?: ReturnType<typeof createErrorFormatter>;
}): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: options.schema,
    formatError: options.formatError ?? createErrorFormatter(options.service, options.logger),
    includeStacktraceInErrorResponses: includeStacktraceInErrorResponses(),
    // Shutdown is ours (runUntilSignal): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints in any schema: the default plugin only ever computed "not cacheable", with a hook on
      // every resolved field of every request. Its answer's header stays, set once per request.
      ApolloServerPluginCacheControlDisabled(),
      NOT_CACHEABLE,
      ...(options.plugins ?? []),
    ],
  });
}

export type { GraphQLResolverMap };
