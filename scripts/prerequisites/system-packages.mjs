// The system programs a command needs, and how they get onto a fresh machine: found on PATH (or at the path an
// environment variable names), else installed from Debian's packages when this user may install (root, or
// passwordless sudo), else a refusal that names the exact command to run. Node builtins only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * @typedef {object} SystemProgram
 * @property {string} command      the executable, looked up on PATH (e.g. "chromium")
 * @property {string} debianPackage the Debian package that provides it
 * @property {string} neededFor    why, in a few words ("the playground browser test")
 * @property {string} [pathVariable] an environment variable that may name the executable instead (e.g. CHROMIUM_PATH)
 */

/** The absolute path of `command` on PATH, or undefined. */
export function onPath(command, searchPath = process.env.PATH ?? '') {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Where the program is: the file its variable names, else PATH. Undefined when missing. */
export function locate(program) {
  const given = program.pathVariable ? process.env[program.pathVariable] : undefined;
  if (given) return fs.existsSync(given) ? given : undefined;
  return onPath(program.command);
}

/** The exact command a person runs to install these packages. */
export function installCommand(packages) {
  return `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
}

/** How this process may install Debian packages: directly (root), through passwordless sudo, or not at all. */
export function installAccess() {
  if (!onPath('apt-get')) return { may: false, why: 'apt-get is not available (not a Debian-based system?)' };
  if (typeof process.getuid === 'function' && process.getuid() === 0) return { may: true, prefix: [] };
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return { may: true, prefix: ['sudo', '-n'] };
  return { may: false, why: 'installing needs root or passwordless sudo' };
}

function apt(prefix, args) {
  const [command, ...rest] = [...prefix, 'apt-get', ...args];
  const result = spawnSync(command, rest, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * Makes sure every program is there, installing the missing ones when allowed.
 * Returns the problems left (empty when all is well); `log` reports what it does.
 * @param {SystemProgram[]} programs
 * @param {(line: string) => void} log
 */
export function ensurePrograms(programs, log) {
  const missing = programs.filter((program) => !locate(program));
  if (missing.length === 0) return [];
  const packages = [...new Set(missing.map((program) => program.debianPackage))];
  const why = missing.map((program) => `${program.command} (${program.neededFor})`).join(', ');
  const access = installAccess();
  if (!access.may) {
    return [`missing: ${why}. This machine cannot install it here (${access.why}). Run:\n    ${installCommand(packages)}`];
  }
  log(`missing: ${why}; installing Debian package(s) ${packages.join(', ')} (apt-get) …`);
  const installed = apt(access.prefix, ['update', '-qq']) && apt(access.prefix, ['install', '-y', '-qq', ...packages]);
  const still = missing.filter((program) => !locate(program));
  if (!installed || still.length > 0) {
    return [`could not install ${packages.join(', ')} with apt-get. Run it yourself and look at its output:\n    ${installCommand(packages)}`];
  }
  log(`installed ${packages.join(', ')}`);
  return [];
}
