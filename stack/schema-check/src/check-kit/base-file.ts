import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { displayPath, messageOf } from '../util.js';

/** The git revisions a check compares against, in order: the base branch, else the last commit. */
export const BASE_REVISIONS = ['origin/main', 'HEAD'] as const;

export interface BaseFile {
  /** The base version of the file; undefined when none could be read. */
  text: string | undefined;
  /** Where it came from, e.g. `origin/main:schema/api-schema.graphql`. */
  source: string;
  error?: string;
}

export interface BaseFileRequest {
  rootDir: string;
  /** The committed file (absolute path) whose base version is wanted. */
  file: string;
  /** A file given with `--base`: read instead of the git lookup. */
  baseFile: string | undefined;
  /** Error when `--base` cannot be read, e.g. `Cannot read the base schema`. */
  unreadableBase: string;
  /** Error when no base exists anywhere, e.g. `No base API schema`. */
  noBase: string;
}

/**
 * The base version of a committed file, first found of: `--base <file>`; `origin/main:<file>`; `HEAD:<file>`;
 * the file in the working tree.
 */
export function loadBaseFile(request: BaseFileRequest): BaseFile {
  if (request.baseFile) {
    try {
      return { text: readFileSync(request.baseFile, 'utf8'), source: `--base ${displayPath(request.rootDir, request.baseFile)}` };
    } catch (error) {
      return { text: undefined, source: `--base ${request.baseFile}`, error: `${request.unreadableBase}: ${messageOf(error)}` };
    }
  }
  const gitRoot = git(request.rootDir, ['rev-parse', '--show-toplevel'])?.trim();
  if (gitRoot) {
    const path = relative(gitRoot, request.file).split(sep).join('/');
    for (const revision of BASE_REVISIONS) {
      if (git(gitRoot, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]) === undefined) continue;
      const text = git(gitRoot, ['show', `${revision}:${path}`]);
      if (text !== undefined) return { text, source: `${revision}:${path}` };
    }
  }
  const shown = displayPath(request.rootDir, request.file);
  if (existsSync(request.file)) {
    const why = gitRoot ? 'not in origin/main nor HEAD' : 'not a git repository';
    return { text: readFileSync(request.file, 'utf8'), source: `working tree ${shown} (${why})` };
  }
  return { text: undefined, source: 'none', error: `${request.noBase}: ${shown} is not in origin/main, HEAD nor the working tree (pass --base <file>)` };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}
