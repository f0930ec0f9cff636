import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/index.js';
import { FIXTURES_DIR, checkWorkspace, fixtureWorkspace, removeWorkspaces, replace } from './support/fixture-workspace.js';

afterAll(removeWorkspaces);

describe('errors (status error, exit 2)', () => {
  it('a composition error across two subgraphs names the subgraphs, the type and the field', () => {
    const result = checkWorkspace(fixtureWorkspace(), { subgraphsDir: join(FIXTURES_DIR, 'conflicting-subgraphs') });

    expect(result.status).toBe('error');
    expect(EXIT_CODES[result.status]).toBe(2);
    expect(result.composition.ok).toBe(false);
    const [error] = result.composition.errors;
    expect(error).toContain('FIELD_TYPE_MISMATCH');
    expect(error).toContain('"Campana.id"');
    expect(error).toMatch(/"Int!" in subgraph "conversiones"/);
    expect(error).toMatch(/"ID!" in subgraph "marketing"/);
    expect(result.text).toContain('Composition: failed');
  });

  it('a subgraph SDL syntax error names the subgraph', () => {
    const result = checkWorkspace(fixtureWorkspace({ marketing: replace('type Campana @key(fields: "id") {', 'type Campana @key(fields: "id") {{') }));

    expect(result.status).toBe('error');
    expect(result.composition.errors[0]).toContain('[marketing]');
  });

  it('a stale committed artifact fails and says to run npm run schema:write', () => {
    const root = fixtureWorkspace({ marketing: replace('  creadaEn: DateTime!\n}', '  creadaEn: DateTime!\n  objetivo: String\n}') });

    const result = checkWorkspace(root, { artifactCheck: true, artifactsDir: 'schema' });

    expect(result.status).toBe('error');
    expect(result.breaking).toEqual([]);
    expect(result.artifacts.stale).toEqual([
      expect.stringMatching(/^schema\/supergraph\.graphql is stale .*run `npm run schema:write`$/),
      expect.stringMatching(/^schema\/api-schema\.graphql is stale .*objetivo.*run `npm run schema:write`$/),
    ]);
  });

  it('a missing committed artifact is an error too', () => {
    const root = fixtureWorkspace();
    rmSync(join(root, 'schema', 'supergraph.graphql'));

    const result = checkWorkspace(root, { artifactCheck: true, artifactsDir: 'schema' });

    expect(result.status).toBe('error');
    expect(result.artifacts.stale).toEqual(['schema/supergraph.graphql is missing: run `npm run schema:write`']);
  });

  it('without the gateway subscription SDL, each subscription operation is reported as not validatable', () => {
    const result = checkWorkspace(fixtureWorkspace(), { subscriptionsFile: 'missing-subscription.graphql' });

    expect(result.status).toBe('error');
    expect(result.operationErrors).toEqual([
      {
        file: 'operations/suscripciones.graphql',
        operation: 'subscription CampanaCreada',
        message: 'cannot be validated: the gateway subscription SDL missing-subscription.graphql is missing',
      },
    ]);
    expect(result.errors.join('\n')).toContain('missing-subscription.graphql');
  });

  it('an unreadable base schema', () => {
    const result = checkWorkspace(fixtureWorkspace(), { baseFile: 'no-such-base.graphql' });

    expect(result.status).toBe('error');
    expect(result.errors[0]).toContain('Cannot read the base schema');
  });

  it('writes the Markdown report where asked', () => {
    const root = fixtureWorkspace();
    writeFileSync(join(root, 'operations', 'roto.graphql'), 'query Roto { campanas { nodes { nope } } }\n');

    const result = checkWorkspace(root, { markdownFile: 'out/report.md' });

    expect(result.status).toBe('breaking');
    expect(readFileSync(join(root, 'out', 'report.md'), 'utf8')).toBe(result.markdown);
    expect(result.markdown).toContain('`operations/roto.graphql › query Roto`');
  });
});
