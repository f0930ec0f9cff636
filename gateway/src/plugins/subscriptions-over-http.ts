import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** What a client that POSTs a subscription is told (HTTP 400, extensions.code BAD_REQUEST). */
export const SUBSCRIPTION_OVER_HTTP_MESSAGE = 'subscriptions need a websocket (graphql-ws) at /graphql: they are not served over HTTP POST';

/**
 * Refuses a subscription operation sent over HTTP before the gateway plans it: subscriptions are served by the
 * graphql-ws server on the same /graphql endpoint. Without this the planner fails deep inside and the client gets a
 * masked INTERNAL_SERVER_ERROR; with it, a 400 that says where to go. (Subscriptions over the socket never reach
 * Apollo's HTTP pipeline: the subscription server runs them itself.)
 */
export function refuseSubscriptionsOverHttp<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(SUBSCRIPTION_OVER_HTTP_MESSAGE, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        },
      };
    },
  };
}
