// Where schema:check takes the base API schema from when no --base is given: origin/main, else HEAD, else the
// committed file in the working tree; each case in a throwaway git repository built from the base fixture.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkspace, coordinates, fixtureWorkspace, removeWorkspaces } from './support/fixture-workspace.js';

afterAll(removeWorkspaces);

const API_SCHEMA = join('schema', 'api-schema.graphql');

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The fixture's API schema with one more Campana field: removing it (what the working tree does) is a breaking change. */
function apiSchemaWith(root: string, field: string): string {
  const sdl = readFileSync(join(root, API_SCHEMA), 'utf8');
  if (!sdl.includes('type Campana {\n')) throw new Error('the fixture has no "type Campana {"');
  return sdl.replace('type Campana {\n', `type Campana {\n  ${field}: String\n`);
}

/** Commits the API schema with `content`, then puts the working tree's own version back. */
function commitApiSchema(root: string, content: string, message: string): string {
  const working = readFileSync(join(root, API_SCHEMA), 'utf8');
  writeFileSync(join(root, API_SCHEMA), content);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  writeFileSync(join(root, API_SCHEMA), working);
  return git(root, 'rev-parse', 'HEAD').trim();
}

/** The check without --base (the fallback under test), on the fixture's subgraphs and operations. */
const checkWithoutBase = (root: string) => checkWorkspace(root, { baseFile: undefined });

describe('the base API schema when --base is not given', () => {
  it('is origin/main when it exists, even when HEAD differs', () => {
    const root = fixtureWorkspace();
    git(root, 'init', '-q');
    const main = commitApiSchema(root, apiSchemaWith(root, 'enMain'), 'main');
    git(root, 'update-ref', 'refs/remotes/origin/main', main);
    commitApiSchema(root, apiSchemaWith(root, 'enHead'), 'head');

    const result = checkWithoutBase(root);

    expect(result.baseSource).toBe('origin/main:schema/api-schema.graphql');
    expect(coordinates(result.breaking)).toEqual(['Campana.enMain']);
    expect(result.status).toBe('breaking');
  });

  it('is HEAD when there is no origin/main', () => {
    const root = fixtureWorkspace();
    git(root, 'init', '-q');
    commitApiSchema(root, apiSchemaWith(root, 'enHead'), 'head');

    const result = checkWithoutBase(root);

    expect(result.baseSource).toBe('HEAD:schema/api-schema.graphql');
    expect(coordinates(result.breaking)).toEqual(['Campana.enHead']);
  });

  it('is the committed file in the working tree when neither origin/main nor HEAD has it', () => {
    const root = fixtureWorkspace();
    git(root, 'init', '-q');
    writeFileSync(join(root, 'LEEME.md'), 'sin esquema\n');
    git(root, 'add', 'LEEME.md');
    git(root, 'commit', '-q', '-m', 'only a readme');

    const result = checkWithoutBase(root);

    expect(result.baseSource).toBe('working tree schema/api-schema.graphql (not in origin/main nor HEAD)');
    expect(result.breaking).toEqual([]);
    expect(result.status).toBe('pass');
  });

  it('is the committed file outside a git repository, and says so', () => {
    const result = checkWithoutBase(fixtureWorkspace());

    expect(result.baseSource).toBe('working tree schema/api-schema.graphql (not a git repository)');
    expect(result.status).toBe('pass');
  });

  it('is an error (exit 2) when there is none at all, naming the file and --base', () => {
    const root = fixtureWorkspace();
    rmSync(join(root, API_SCHEMA));

    const result = checkWithoutBase(root);

    expect(result.status).toBe('error');
    expect(result.errors.join('\n')).toMatch(
      /No base API schema: schema\/api-schema\.graphql is not in origin\/main, HEAD nor the working tree \(pass --base <file>\)/,
    );
  });
});
