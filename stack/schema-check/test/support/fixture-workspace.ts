import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSchemaCheck, type SchemaCheckOptions, type SchemaCheckResult } from '../../src/index.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** A small repository: subgraphs/{marketing,conversiones}, subscription.graphql, operations/, schema/ (its committed artifacts). */
export const BASE_FIXTURE = join(FIXTURES_DIR, 'base');
export const BASE_API_SCHEMA = join(BASE_FIXTURE, 'schema', 'api-schema.graphql');

type SubgraphName = 'marketing' | 'conversiones';
export type SdlEdit = (sdl: string) => string;

const workspaces: string[] = [];

/** A temporary copy of the base fixture with each subgraph's SDL edited. */
export function fixtureWorkspace(edits: Partial<Record<SubgraphName, SdlEdit>> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'schema-check-'));
  workspaces.push(root);
  cpSync(BASE_FIXTURE, root, { recursive: true });
  for (const [name, edit] of Object.entries(edits)) {
    const file = join(root, 'subgraphs', name, 'schema.graphql');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  }
  return root;
}

/** Replaces text that must be in the SDL (so a fixture that drifts fails loudly instead of testing nothing). */
export function replace(from: string, to: string): SdlEdit {
  return (sdl) => {
    if (!sdl.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
    return sdl.replace(from, to);
  };
}

export function removeWorkspaces(): void {
  for (const root of workspaces.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** The check on a fixture workspace against the base fixture's API schema, without artifact check or Markdown file. */
export function checkWorkspace(root: string, options: SchemaCheckOptions = {}): SchemaCheckResult {
  return runSchemaCheck({
    rootDir: root,
    subscriptionsFile: 'subscription.graphql',
    operations: ['operations'],
    baseFile: BASE_API_SCHEMA,
    markdownFile: null,
    artifactCheck: false,
    ...options,
  });
}

export function coordinates(changes: { coordinate: string }[]): string[] {
  return changes.map((change) => change.coordinate);
}
