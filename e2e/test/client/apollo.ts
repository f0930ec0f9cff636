// An Apollo Client set up the way a frontend talks to the gateway: one URL, queries and mutations over HTTP,
// subscriptions over graphql-ws (the README's "Frontend" section shows the same setup). The token goes in the
// Authorization header of each HTTP request and in connectionParams.authorization of the socket, read at each use
// so a refreshed token is picked up.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client/core';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface TestApolloClient {
  client: ApolloClient;
  /** operationName of every request that went over HTTP, in order (subscriptions never do). */
  httpOperations: string[];
  close(): Promise<void>;
}

export function createApolloClient(httpUrl: string, authorization: () => string): TestApolloClient {
  const httpOperations: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { operationName?: string }) : {};
    httpOperations.push(body.operationName ?? '(anonymous)');
    return fetch(input, init);
  };
  const withToken = new SetContextLink((previous) => ({ headers: { ...previous.headers, authorization: authorization() } }));
  const httpLink = ApolloLink.from([withToken, new HttpLink({ uri: httpUrl, fetch: countingFetch })]);
  const wsClient = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: () => ({ authorization: authorization() }),
  });
  const wsLink = new GraphQLWsLink(wsClient);

  const client = new ApolloClient({
    link: ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, wsLink, httpLink),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // comision(id) reads Comision:<id> straight from the cache when an event or another query put it there.
            comision: { read: (existing, { args, toReference }) => existing ?? toReference({ __typename: 'Comision', id: args?.id as string }) },
            // Cursor pagination on a `nodes` connection: pages fetched with `after` are appended to the list.
            comisiones: {
              keyArgs: ['estado', 'afiliadoId', 'campanaId'],
              merge(existing: { nodes: unknown[] } | undefined, incoming: { nodes: unknown[] }, { args }) {
                return args?.after && existing ? { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] } : incoming;
              },
            },
          },
        },
      },
    }),
  });
  return {
    client,
    httpOperations,
    async close() {
      client.stop();
      await wsClient.dispose();
    },
  };
}
