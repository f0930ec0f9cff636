import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'artifacts']);

/**
 * Files matching any pattern: a file, a folder (every `*.graphql` below it) or a glob with `*`, `**`,
 * `?` and `{a,b}` (relative to rootDir). Files under an excluded folder are left out. Sorted, unique.
 */
export function expandPatterns(patterns: string[], rootDir: string, excludedDirs: string[] = []): string[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const absolute = resolve(rootDir, pattern);
    if (existsSync(absolute) && statSync(absolute).isFile()) {
      files.add(absolute);
    } else if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      walk(absolute, (file) => file.endsWith('.graphql') && files.add(file));
    } else {
      const matcher = globToRegExp(absolute);
      const base = staticPrefix(absolute);
      if (existsSync(base) && statSync(base).isDirectory()) walk(base, (file) => matcher.test(file) && files.add(file));
    }
  }
  const excluded = excludedDirs.map((dir) => resolve(rootDir, dir) + sep);
  return [...files].filter((file) => !excluded.some((dir) => file.startsWith(dir))).sort();
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (char === '*' && glob[index + 1] === '*') {
      const slash = glob[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      source += '(?:';
      braceDepth++;
    } else if (char === '}' && braceDepth > 0) {
      source += ')';
      braceDepth--;
    } else if (char === ',' && braceDepth > 0) source += '|';
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The folder part of a glob before its first wildcard. */
function staticPrefix(glob: string): string {
  const wildcard = glob.search(/[*?{]/);
  if (wildcard === -1) return glob;
  const slash = glob.lastIndexOf('/', wildcard);
  return slash <= 0 ? '/' : glob.slice(0, slash);
}

function walk(dir: string, visit: (file: string) => unknown): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}
