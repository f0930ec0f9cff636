import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDocument, runContractsCheck, writeContractsDocument, type ContractsCheckOptions, type ContractsCheckResult } from '../../src/index.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const REPO_CONTRACTS = join(REPO_ROOT, 'packages/contracts/src/index.ts');
export const DOCUMENT = 'schema/asyncapi.yaml';

/** An edit of one file of the copied contracts package, by its path inside it (e.g. `src/events/snapshots.ts`). */
export type Edits = Record<string, (source: string) => string>;

const workspaces: string[] = [];
let baseDocument: Promise<string> | undefined;

/**
 * A small repository standing in for a branch: a copy of packages/contracts (with its test fixtures), whose
 * schema/asyncapi.yaml, generated from the real, unedited contracts, is committed as `main` and as `origin/main`.
 * The edits are then applied to the working tree, as a developer would on a branch. The copy's imports resolve
 * through a node_modules link to the repository's.
 */
export async function contractsWorkspace(edits: Edits = {}): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'contracts-check-'));
  workspaces.push(root);
  const contracts = join(root, 'packages/contracts');
  for (const part of ['package.json', 'src', 'test/fixtures']) cpSync(join(REPO_ROOT, 'packages/contracts', part), join(contracts, part), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "private": true, "type": "module" }\n');
  writeFileSync(join(root, '.gitignore'), 'node_modules\nartifacts/\n');
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  mkdirSync(join(root, 'schema'));
  // The real contracts' module is imported once per test file: the copies each have paths of their own, so an
  // edited copy is never served from the module cache of another.
  baseDocument ??= generateDocument(REPO_CONTRACTS).then((generated) => generated.yaml);
  writeFileSync(join(root, DOCUMENT), await baseDocument);
  git(root, 'init', '-q', '-b', 'main');
  commitAll(root, 'the contracts as on main');
  git(root, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(contracts, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  }
  return root;
}

/** Replaces text that must be in the file, so a fixture that drifts from the contracts fails loudly instead of testing nothing. */
export function replace(from: string, to: string): (source: string) => string {
  return (source) => {
    if (!source.includes(from)) throw new Error(`the contracts no longer contain ${JSON.stringify(from)}`);
    return source.replace(from, to);
  };
}

/** Several replacements of one file, in order. */
export function replaceAll(...replacements: [from: string, to: string][]): (source: string) => string {
  return (source) => replacements.reduce((text, [from, to]) => replace(from, to)(text), source);
}

/** `npm run contracts:write` then `npm run contracts:check` in the workspace, without a Markdown file. */
export async function writeAndCheck(root: string, options: ContractsCheckOptions = {}): Promise<ContractsCheckResult> {
  const written = await writeContractsDocument({ rootDir: root });
  if (!written.ok) throw new Error(`contracts:write failed: ${written.errors.join('; ')}`);
  return runContractsCheck({ rootDir: root, markdownFile: null, ...options });
}

export function commitAll(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=Contracts Check', '-c', 'user.email=contracts-check@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message);
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function removeWorkspaces(): void {
  for (const root of workspaces.splice(0)) rmSync(root, { recursive: true, force: true });
}

export function coordinates(changes: { coordinate: string }[]): string[] {
  return changes.map((change) => change.coordinate);
}
