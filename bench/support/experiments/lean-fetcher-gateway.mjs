// An EXPERIMENT for bench:query (BENCH_EXPERIMENTS=lean-fetcher), not a product: the stock gateway of
// ../stock-gateway.mjs with one change, the fetcher RemoteGraphQLDataSource calls subgraphs with. Instead of
// make-fetch-happen (stock) or Node's fetch (ours, undici + web streams), a few lines on node:http with a keep-alive
// Agent: the response body is read as Buffers and parsed once. What it gains, measured in the same run as stock and
// ours, is the fetcher's share of a gateway's CPU per request.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { SignedIdentityDataSource, stockContext } from '../stock-auth.mjs';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** The part of fetch RemoteGraphQLDataSource uses: ok, status, statusText, headers.get, json(), text(). */
function leanFetch(url, init) {
  return new Promise((resolve, reject) => {
    const body = init.body ?? '';
    const outgoing = request(url, { method: init.method, headers: { ...init.headers, 'content-length': Buffer.byteLength(body) }, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
        const status = response.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          statusText: response.statusMessage ?? '',
          headers: { get: (name) => response.headers[name.toLowerCase()] ?? null },
          json: async () => JSON.parse(text),
          text: async () => text,
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
const supergraphFile = process.env.SUPERGRAPH_FILE;
if (!supergraphFile) throw new Error('SUPERGRAPH_FILE is required');
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphFile, 'utf8'),
  buildService: ({ url }) => new SignedIdentityDataSource({ url, fetcher: leanFetch }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { context: stockContext, listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' } });
console.log(`stock gateway ready at ${url}`);
