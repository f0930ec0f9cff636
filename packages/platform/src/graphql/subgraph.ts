import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import type { Logger } from '../logger.js';
import { createErrorFormatter } from './format-error.js';

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
      ...(options.plugins ?? []),
    ],
  });
}

export type { GraphQLResolverMap };
