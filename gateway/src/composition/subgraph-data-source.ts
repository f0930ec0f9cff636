import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// the enum lives in a module @apollo/gateway does not re-export; no "exports" map forbids the path
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { GATEWAY_SERVICE, type SubgraphIdentitySigner } from '@alpes/security';
import type { Histogram } from 'prom-client';
import { FieldAuthorization } from '../plugins/field-authorization.js';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { entityFetchErrors } from './entity-fetch-errors.js';

/**
 * How the gateway calls one subgraph: Node's fetch (faster than the default make-fetch-happen), and a
 * subgraph that cannot be reached becomes an UNAVAILABLE error naming it instead of a raw "fetch failed", placed on
 * the fields it was asked for when it was an entity fetch. Every request carries the identity of the operation it
 * serves, signed by the gateway (the subgraph verifies it and applies its row-level rules): a client's own
 * Authorization header is never forwarded.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly identities: SubgraphIdentitySigner,
    private readonly fetchDuration?: Histogram<'subgraph'>,
  ) {
    super({ url, fetcher: fetch as never });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // composition's schema requests already carry the gateway's own identity (introspectionHeaders)
    if (options.kind === GraphQLDataSourceRequestKind.LOADING_SCHEMA) return;
    const identity = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? FieldAuthorization.identityOf(options.context) : GATEWAY_SERVICE;
    const authorization = await this.identities.authorizationFor(identity);
    headers.delete('authorization');
    if (authorization) headers.set('authorization', authorization);
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const timer = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? this.fetchDuration?.startTimer({ subgraph: this.subgraphName }) : undefined;
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
    } finally {
      timer?.();
    }
  }
}
