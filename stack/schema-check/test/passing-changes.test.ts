import { afterAll, describe, expect, it } from 'vitest';
import { BASE_FIXTURE, checkWorkspace, coordinates, fixtureWorkspace, removeWorkspaces, replace } from './support/fixture-workspace.js';

afterAll(removeWorkspaces);

describe('changes that pass (status pass, exit 0)', () => {
  it('the unchanged fixture: composes, its committed artifacts are up to date, its operations validate', () => {
    const result = checkWorkspace(BASE_FIXTURE, { artifactCheck: true, artifactsDir: 'schema' });

    expect(result.status).toBe('pass');
    expect(result.composition).toMatchObject({ ok: true, subgraphs: ['conversiones', 'marketing'], errors: [] });
    expect(result.artifacts).toEqual({ checked: true, stale: [] });
    expect(result.operations).toMatchObject({ files: ['operations/campanas.graphql', 'operations/suscripciones.graphql'], operationCount: 3 });
    expect(result.operationErrors).toEqual([]);
    expect(result.markdown).toContain('## ✅ Schema check passed');
  });

  it('a safe addition: a new field, type, query and nullable output', () => {
    const root = fixtureWorkspace({
      marketing: (sdl) =>
        replace(
          '  creadaEn: DateTime!\n}',
          '  creadaEn: DateTime!\n  objetivo: Objetivo\n}\n\ntype Objetivo {\n  descripcion: String!\n}',
        )(replace('type Query {\n', 'type Query {\n  campanasActivas: [Campana!]! @authenticated\n')(sdl)),
    });

    const result = checkWorkspace(root);

    expect(result.status).toBe('pass');
    expect(result.breaking).toEqual([]);
    expect(result.dangerous).toEqual([]);
  });

  it('a dangerous change warns but passes: an added enum value and a changed argument default', () => {
    const root = fixtureWorkspace({
      marketing: (sdl) => replace('  COMPLETED\n', '  COMPLETED\n  ARCHIVED\n')(replace('campanas(first: Int = 20', 'campanas(first: Int = 50')(sdl)),
    });

    const result = checkWorkspace(root);

    expect(result.status).toBe('pass');
    expect(result.breaking).toEqual([]);
    expect(coordinates(result.dangerous).sort()).toEqual(['EstadoCampana.ARCHIVED', 'Query.campanas(first:)']);
    expect(result.text).toContain('⚠️ Dangerous changes: 2');
    expect(result.markdown).toContain('`EstadoCampana.ARCHIVED`');
  });
});
