// The baseline of bench:query: a stock ApolloServer + ApolloGateway({ supergraphSdl }) as documented by Apollo, with
// startStandaloneServer and the gateway's default fetcher. Nothing of AlpesPartner's code: only the supergraph file.
// Identity as Apollo documents it (stock-auth.mjs): a context function verifies the client's JWT, a
// RemoteGraphQLDataSource.willSendRequest signs the identity the subgraphs require.
// Plain JavaScript run by plain node (no tsx): tsx's source maps would make every `new Error().stack` (agent-base
// takes one per subgraph request) several times dearer and slow the baseline down for nothing of its own.
//   SUPERGRAPH_FILE=<composed supergraph> PORT=<port> AUTH_PUBLIC_KEY_FILE=<pem> SUBGRAPH_IDENTITY_SECRET=<secret> \
//     node bench/support/stock-gateway.mjs
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { SignedIdentityDataSource, stockContext } from './stock-auth.mjs';

process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
const supergraphFile = process.env.SUPERGRAPH_FILE;
if (!supergraphFile) throw new Error('SUPERGRAPH_FILE is required');
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(supergraphFile, 'utf8'), buildService: ({ url }) => new SignedIdentityDataSource({ url }) });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { context: stockContext, listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' } });
console.log(`stock gateway ready at ${url}`); // Apollo stops itself on SIGTERM (its default)
