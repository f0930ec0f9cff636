// An Apollo Client set up the way a frontend talks to the gateway: one URL, queries and mutations over HTTP,
// subscriptions over graphql-ws (the README's "Frontend" section shows the same setup). The token goes in the
// Authorization header of each HTTP request and in connectionParams.authorization of the socket, read at each use
// so a refreshed token is picked up. Documents go as trusted documents: Apollo's PersistedQueryLink sends the id that
// GraphQL Code Generator's client-preset embedded in each document (__meta__.hash, the key of
// e2e/src/gql/persisted-documents.json), over HTTP without the text, over graphql-ws beside it.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client/core';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode, print, type DocumentNode } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createHash } from 'node:crypto';

export interface TestApolloClient {
  client: ApolloClient;
  /** operationName of every request that went over HTTP, in order (subscriptions never do). */
  httpOperations: string[];
  /** The body of every request that went over HTTP, in order. */
  httpBodies: { operationName?: string; query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } }[];
  close(): Promise<void>;
}

// GraphQLWsLink tells a GraphQL error from a socket error with `instanceof WebSocket`, a global that browsers and
// Node 22 have and Node 20 does not: there, without this, a subscription's GraphQL errors surface as a ReferenceError.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export function createApolloClient(httpUrl: string, authorization: () => string): TestApolloClient {
  const httpOperations: string[] = [];
  const httpBodies: TestApolloClient['httpBodies'] = [];
  const countingFetch: typeof fetch = (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as TestApolloClient['httpBodies'][number]) : {};
    httpOperations.push(body.operationName ?? '(anonymous)');
    httpBodies.push(body);
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

  // A document that is not generated (no __meta__.hash) gets Apollo's default: the sha256 of its printed text.
  const persistedQueries = new PersistedQueryLink({
    generateHash: (document: DocumentNode) => (document as DocumentNode & { __meta__?: { hash?: string } }).__meta__?.hash ?? sha256(print(document)),
  });

  const client = new ApolloClient({
    link: ApolloLink.from([persistedQueries, ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, wsLink, httpLink)]),
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
    httpBodies,
    async close() {
      client.stop();
      await wsClient.dispose();
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
