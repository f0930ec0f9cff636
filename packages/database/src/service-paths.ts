// Where a service's Prisma schema and committed migrations live in the repository.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ServiceName } from './services.js';

/** Repository root, resolved from this file (packages/database/src/ → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export function schemaPathOf(service: ServiceName): string {
  return join(REPO_ROOT, 'prisma', service, 'schema.prisma');
}

export function migrationsDirOf(service: ServiceName): string {
  return join(REPO_ROOT, 'prisma', service, 'migrations');
}

/**
 * Which schema and which migrations folder an operation works on. By default those of the
 * service in the repository; tests point at copies.
 */
export interface ServiceFiles {
  service: ServiceName;
  /** Overrides prisma/<service>/migrations. */
  migrationsDir?: string;
  /** Overrides prisma/<service>/schema.prisma. */
  schemaPath?: string;
}

export function resolveServiceFiles(files: ServiceFiles): { migrationsDir: string; schemaPath: string } {
  return {
    migrationsDir: files.migrationsDir ?? migrationsDirOf(files.service),
    schemaPath: files.schemaPath ?? schemaPathOf(files.service),
  };
}
