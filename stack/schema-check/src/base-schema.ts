import { join } from 'node:path';
import { API_SCHEMA_FILE } from './artifacts.js';
import { loadBaseFile } from './check-kit/base-file.js';

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
  const { text, ...base } = loadBaseFile({
    rootDir: options.rootDir,
    file: join(options.artifactsDir, API_SCHEMA_FILE),
    baseFile: options.baseFile,
    unreadableBase: 'Cannot read the base schema',
    noBase: 'No base API schema',
  });
  return { sdl: text, ...base };
}
