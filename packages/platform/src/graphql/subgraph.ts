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

/** What Apollo's cache-control plugin answered for every subgraph response (no field has a cache hint). */
const NOT_CACHEABLE: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/** Subgraphs are SDL-first: the schema.graphql file is the contract, loaded at runtime. */
export function loadSubgraphSchema<Context>(schemaFile: URL | string, resolvers: GraphQLResolverMap<Context>): GraphQLSchema {
  const typeDefs = parse(readFileSync(schemaFile, 'utf8'));
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

export function createSubgraphApollo<Context extends BaseContext>(options: {
  service: string;
  schema: GraphQLSchema;
  httpServer: Server;
  logger: Logger;
  plugins?: ApolloServerPlugin<Context>[];
}): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: options.schema,
    formatError: createErrorFormatter(options.service, options.logger),
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
