// PostgreSQL runs as the `postgres` user when we are root; it must be able to reach its data directory.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunAs } from './postgres-process.js';

/** Throws when a parent directory of dataDir is not searchable by the given user. */
export async function assertReachableBy(dataDir: string, runAs: RunAs): Promise<void> {
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const info = await stat(dir);
    const searchable = info.uid === runAs.uid ? (info.mode & 0o100) !== 0 : info.gid === runAs.gid ? (info.mode & 0o010) !== 0 : (info.mode & 0o001) !== 0;
    if (!searchable) {
      throw new Error(
        `The postgres user cannot reach ${dataDir}: ${dir} is not searchable by it (mode ${(info.mode & 0o777).toString(8)}). ` +
          'Choose a data directory whose parent directories are world-searchable (e.g. chmod 755 the temp directory).',
      );
    }
    if (dirname(dir) === dir) return;
  }
}
