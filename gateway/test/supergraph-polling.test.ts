// SUPERGRAPH_POLL_INTERVAL_MS: in composing mode the gateway introspects the subgraphs again at that interval and
// picks up a changed schema without a restart. The subgraphs are small real ones (@apollo/subgraph) whose SDL the test
// can change while they run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, type GraphQLSchema } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayConfigSchema, supergraphSourceOf } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/index.js';
import { ephemeralStackAuth } from '@alpes/security';

/** A subgraph over plain HTTP whose schema can be swapped while it runs. */
class SwappableSubgraph {
  #schema: GraphQLSchema;
  readonly server: Server;

  constructor(typeDefs: string) {
    this.#schema = SwappableSubgraph.build(typeDefs);
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        void graphql({ schema: this.#schema, source: query, variableValues: variables ?? {} }).then((result) => {
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
        });
      });
    });
  }

  static build(typeDefs: string): GraphQLSchema {
    const fields = [...typeDefs.matchAll(/(\w+): String/g)].map((match) => match[1]!);
    return buildSubgraphSchema({
      typeDefs: parse(typeDefs),
      resolvers: { Query: Object.fromEntries(fields.map((field) => [field, () => `hola desde ${field}`])) },
    });
  }

  swap(typeDefs: string): void {
    this.#schema = SwappableSubgraph.build(typeDefs);
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }
}

const sdl = (...fields: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query {\n${fields.map((field) => `  ${field}: String`).join('\n')}\n}\n`;
const subgraphs = {
  afiliados: new SwappableSubgraph(sdl('afiliadosHola')),
  conversiones: new SwappableSubgraph(sdl('conversionesHola')),
  marketing: new SwappableSubgraph(sdl('marketingHola')),
};
let gateway: RunningGateway | undefined;

afterAll(async () => {
  await gateway?.close();
  for (const subgraph of Object.values(subgraphs)) await new Promise((resolve) => subgraph.server.close(resolve));
});

const query = async (text: string) =>
  (await (await fetch(gateway!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) })).json()) as {
    data?: Record<string, unknown>;
    errors?: { extensions?: { code?: string } }[];
  };

describe('SUPERGRAPH_POLL_INTERVAL_MS', () => {
  it('is unset by default and at least 1000 ms', () => {
    expect(gatewayConfigSchema.parse({}).SUPERGRAPH_POLL_INTERVAL_MS).toBeUndefined();
    expect(supergraphSourceOf(gatewayConfigSchema.parse({}))).not.toHaveProperty('pollIntervalMs');
    expect(gatewayConfigSchema.safeParse({ SUPERGRAPH_POLL_INTERVAL_MS: '999' }).success).toBe(false);
  });

  it('re-composes at that interval: a field a subgraph adds while the gateway runs becomes queryable without a restart', async () => {
    const config = gatewayConfigSchema.parse({
      AFILIADOS_URL: await subgraphs.afiliados.listen(),
      CONVERSIONES_URL: await subgraphs.conversiones.listen(),
      MARKETING_URL: await subgraphs.marketing.listen(),
      SUPERGRAPH_POLL_INTERVAL_MS: '1000',
    });
    gateway = await startGateway({ port: 0, supergraph: supergraphSourceOf(config), auth: ephemeralStackAuth() });
    expect(await query('{ afiliadosHola marketingHola }')).toEqual({
      data: { afiliadosHola: 'hola desde afiliadosHola', marketingHola: 'hola desde marketingHola' },
    });
    expect((await query('{ marketingNuevo }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const updated = new Promise<void>((resolve) =>
      gateway!.gateway.onSchemaLoadOrUpdate(({ apiSchema }) => apiSchema.getQueryType()?.getFields().marketingNuevo && resolve()),
    );
    subgraphs.marketing.swap(sdl('marketingHola', 'marketingNuevo'));
    // bounded: several intervals, well short of the test's own timeout, so a gateway that never polls fails saying so
    await Promise.race([
      updated,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the gateway did not re-compose within 20 s')), 20_000).unref()),
    ]);
    expect(await query('{ marketingNuevo conversionesHola }')).toEqual({
      data: { marketingNuevo: 'hola desde marketingNuevo', conversionesHola: 'hola desde conversionesHola' },
    });
  });
});
