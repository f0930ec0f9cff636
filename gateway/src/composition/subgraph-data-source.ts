import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { entityFetchErrors } from './entity-fetch-errors.js';

/**
 * How the gateway calls one subgraph: Node's fetch (faster than the default make-fetch-happen), and a
 * subgraph that cannot be reached becomes an UNAVAILABLE error naming it instead of a raw "fetch failed", placed on
 * the fields it was asked for when it was an entity fetch.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly subgraphName: string,
    url: string,
  ) {
    super({ url, fetcher: fetch as never });
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw error;
      const unavailable = new GraphQLError(`The ${this.subgraphName} subgraph is unavailable; try again shortly`, {
        extensions: { code: 'UNAVAILABLE', serviceName: this.subgraphName, reason: error instanceof Error ? error.message : String(error) },
      });
      // an entity fetch: its fields fail where they are, the rest of the response stays
      const errors = entityFetchErrors(options.request, 'document' in options ? options.document : undefined, { message: unavailable.message, extensions: unavailable.extensions });
      if (errors && errors.length > 0) return { errors };
      throw unavailable;
    }
  }
}
