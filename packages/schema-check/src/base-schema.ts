import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { API_SCHEMA_FILE } from './artifacts.js';
import { displayPath, messageOf } from './util.js';

export interface BaseSchema {
  /** The base API schema SDL; undefined when none could be read. */
  sdl: string | undefined;
  /** Where it came from, e.g. `origin/main:schema/api-schema.graphql`. */
  source: string;
  error?: string;
}

/**
 * The API schema to diff against, first found of: `--base <file>`; `origin/main:<artifact>`;
 * `HEAD:<artifact>`; the committed artifact in the working tree.
 */
export function loadBaseSchema(options: { rootDir: string; artifactsDir: string; baseFile: string | undefined }): BaseSchema {
  if (options.baseFile) {
    try {
      return { sdl: readFileSync(options.baseFile, 'utf8'), source: `--base ${displayPath(options.rootDir, options.baseFile)}` };
    } catch (error) {
      return { sdl: undefined, source: `--base ${options.baseFile}`, error: `Cannot read the base schema: ${messageOf(error)}` };
    }
  }
  const artifact = join(options.artifactsDir, API_SCHEMA_FILE);
  const gitRoot = git(options.rootDir, ['rev-parse', '--show-toplevel'])?.trim();
  if (gitRoot) {
    const path = relative(gitRoot, artifact).split(sep).join('/');
    for (const revision of ['origin/main', 'HEAD']) {
      if (git(gitRoot, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]) === undefined) continue;
      const sdl = git(gitRoot, ['show', `${revision}:${path}`]);
      if (sdl !== undefined) return { sdl, source: `${revision}:${path}` };
    }
  }
  const shown = displayPath(options.rootDir, artifact);
  if (existsSync(artifact)) {
    const why = gitRoot ? 'not in origin/main nor HEAD' : 'not a git repository';
    return { sdl: readFileSync(artifact, 'utf8'), source: `working tree ${shown} (${why})` };
  }
  return { sdl: undefined, source: 'none', error: `No base API schema: ${shown} is not in origin/main, HEAD nor the working tree (pass --base <file>)` };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}
