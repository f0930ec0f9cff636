import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded stack's signing key: created on first start in DATA_DIR (git-ignored), never committed. */
export interface DevelopmentKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  file: string;
  /** True when this call created it. */
  created: boolean;
}

interface StoredKey {
  keyId: string;
  privateKeyPem: string;
}

export function developmentKeyFile(dataDir: string): string {
  return join(dataDir, 'auth', 'development-signing-key.json');
}

/**
 * Reads the development signing key (ES256) from DATA_DIR, creating it when missing. `npm start` and
 * `npm run token` both call this, so whichever runs first creates the key and the other reads the same one: the
 * file is created exclusively (a second creator reads the winner's file), readable by its owner only.
 */
export function loadOrCreateDevelopmentKey(dataDir: string): DevelopmentKey {
  const file = developmentKeyFile(dataDir);
  const existing = readStoredKey(file);
  if (existing) return toDevelopmentKey(existing, file, false);
  // DATA_DIR keeps its usual mode (the embedded PostgreSQL, running as its own user, must traverse it); auth/ is private
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(join(dataDir, 'auth'), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const stored: StoredKey = { keyId: `dev-${randomUUID()}`, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  try {
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readStoredKey(file);
    if (!winner) throw new Error(`${file} exists but is not a development signing key`, { cause: error });
    return toDevelopmentKey(winner, file, false);
  }
  return toDevelopmentKey(stored, file, true);
}

function readStoredKey(file: string): StoredKey | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<StoredKey>;
  if (typeof parsed.keyId !== 'string' || typeof parsed.privateKeyPem !== 'string')
    throw new Error(`${file} is not a development signing key; delete it to create a new one`);
  return { keyId: parsed.keyId, privateKeyPem: parsed.privateKeyPem };
}

function toDevelopmentKey(stored: StoredKey, file: string, created: boolean): DevelopmentKey {
  const privateKey = createPrivateKey(stored.privateKeyPem);
  return { privateKey, publicKey: createPublicKey(privateKey), keyId: stored.keyId, file, created };
}
