import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApolloGateway } from '@apollo/gateway';
import { acknowledgeEnforcedSecurityFeatures, composeSubgraphFiles, defaultSubgraphEndpoints, describeCompositionErrors } from '../src/index.js';
import { subgraphsOfSupergraph } from '../src/composition/subgraph-list.js';
import { subgraphSchemaFile } from '../src/composition/compose-subgraph-files.js';

describe('supergraph composition from the subgraphs’ schema.graphql files', () => {
  it('composes the three subgraphs offline and records their routing URLs', () => {
    const result = composeSubgraphFiles(defaultSubgraphEndpoints());
    expect(result.errors).toBeUndefined();
    const supergraph = result.supergraphSdl!;
    expect(supergraph).toContain('type Comision');
    expect(subgraphsOfSupergraph(supergraph)).toEqual([
      { name: 'afiliados', url: 'http://localhost:4001/graphql' },
      { name: 'conversiones', url: 'http://localhost:4002/graphql' },
      { name: 'marketing', url: 'http://localhost:4003/graphql' },
    ]);
  });

  it('explains a composition error with the subgraph, type and field at fault', () => {
    const broken = (name: string) => {
      const sdl = readFileSync(subgraphSchemaFile(name), 'utf8');
      // conversiones declares Campana.id as Int: it conflicts with marketing's ID!.
      return name === 'conversiones' ? sdl.replace('type Campana @key(fields: "id") {\n  id: ID!', 'type Campana @key(fields: "id") {\n  id: Int!') : sdl;
    };
    const result = composeSubgraphFiles(defaultSubgraphEndpoints(), broken);
    expect(result.errors).toBeDefined();
    const messages = describeCompositionErrors(result).join('\n');
    expect(messages).toMatch(/Campana\.id/);
    expect(messages).toMatch(/conversiones/);
    expect(messages).toMatch(/marketing/);
  });

  it('loads a supergraph whose @authenticated/@requiresScopes it enforces, and still refuses one with a rule it does not (@policy)', async () => {
    const supergraph = composeSubgraphFiles(defaultSubgraphEndpoints()).supergraphSdl!;
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)');
    await expect(new ApolloGateway({ supergraphSdl: supergraph }).load()).rejects.toThrow(/requiresScopes\/v0.1 is for: SECURITY but is unsupported/);

    const acknowledged = new ApolloGateway({ supergraphSdl: acknowledgeEnforcedSecurityFeatures(supergraph) });
    const { schema } = await acknowledged.load();
    expect(schema.getType('Comision')).toBeDefined();
    await acknowledged.stop();

    const withPolicy = acknowledgeEnforcedSecurityFeatures(
      supergraph.replace(
        '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
        '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)\n  @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)',
      ),
    );
    await expect(new ApolloGateway({ supergraphSdl: withPolicy }).load()).rejects.toThrow(/policy\/v0.1 is for: SECURITY but is unsupported/);
  });
});
