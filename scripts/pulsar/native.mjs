#!/usr/bin/env node
// Builds the native `pulsar-client` addon (an optionalDependency of @alpes/messaging) WITHOUT internet:
// `npm run pulsar:native`. On a machine with internet, plain `npm install` downloads its prebuilt binary and this
// script only confirms that it loads.
//
// 1. Does `pulsar-client` load already? Then there is nothing to do (unless PULSAR_NATIVE_FORCE=1).
// 2. Debian build packages: installs the missing ones (root, or passwordless sudo); otherwise stops at once and
//    prints the one apt-get command to run.
// 3. libpulsar (the C++ client pulsar-client@1.18.0 wants: 4.2.0) as a static library, built once from the source
//    tarball into a cache outside the clone (a second run, or another clone, reuses it).
// 4. The addon, built from source against that cache (npm rebuild; npm install when `npm ci` dropped the optional
//    dependency because its install script failed), with five source patches (ADDON_PATCHES: the reader listener
//    fix, reader-listener-fix.mjs: a reader's first messages were dropped on a busy event loop; the completion queue,
//    completion-queue-patch.mjs: one thread-safe function per producer and consumer instead of one per send and
//    acknowledgement; the listener queue, listener-queue-patch.mjs: a consumer's messages reach JavaScript several
//    per call instead of one per event-loop turn; the listener lifetime, listener-lifetime-patch.mjs: a closed
//    consumer's or reader's listener function lives until libpulsar has closed it; the message fields,
//    message-fields-patch.mjs: a received message's
//    fields in one call instead of five), then loaded to check it. An addon that loads but was built without
//    a patch is rebuilt.
//
// `--libpulsar-only`: steps 2 and 3 alone (the Dockerfile's libpulsar stage, a layer that package changes keep).
//
// Environment:
//   PULSAR_CPP_SOURCE    the libpulsar 4.2.0 source tarball (default ../shared/vendor/pulsar-client-cpp/
//                        pulsar-client-cpp-4.2.0-min.tar.gz next to the clone, when it exists)
//   PULSAR_CPP_PREFIX    where libpulsar is installed (default $XDG_CACHE_HOME or ~/.cache, + alpes/pulsar-cpp-4.2.0)
//   PULSAR_NATIVE_JOBS   parallel compile jobs (default: the number of CPU cores)
//   PULSAR_NATIVE_FORCE  1: rebuild the addon even when it loads
// Node builtins only (it may run right after a failed `npm ci`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { phase } from '../lib/progress.mjs';
import { installAccess, installCommand } from '../prerequisites/system-packages.mjs';
import { completionQueuePatch } from './completion-queue-patch.mjs';
import { listenerLifetimePatch } from './listener-lifetime-patch.mjs';
import { listenerQueuePatch } from './listener-queue-patch.mjs';
import { messageFieldsPatch } from './message-fields-patch.mjs';
import { readerListenerFix } from './reader-listener-fix.mjs';

const PREFIX = '[pulsar:native]';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MESSAGING = path.join(ROOT, 'packages', 'messaging');
const ADDON_DIR = path.join(ROOT, 'node_modules', 'pulsar-client');
const LIBPULSAR_VERSION = '4.2.0';
const PULSAR_CLIENT_VERSION = '1.18.0';
const DEFAULT_SOURCE = path.resolve(ROOT, '..', 'shared', 'vendor', 'pulsar-client-cpp', `pulsar-client-cpp-${LIBPULSAR_VERSION}-min.tar.gz`);
/** Debian packages the libpulsar and addon builds need (ENVIRONMENT: "Native pulsar-client, built offline"). */
export const DEBIAN_PACKAGES = [
  'g++', 'cmake', 'make', 'python3', 'libboost-dev', 'libprotobuf-dev', 'protobuf-compiler', 'libcurl4-openssl-dev',
  'libssl-dev', 'zlib1g-dev', 'libzstd-dev', 'libsnappy-dev',
];
/** What the static libpulsar needs at link time; --no-as-needed keeps them (else: undefined protobuf symbol at load). */
const LINK_FLAGS = '-Wl,--no-as-needed -lprotobuf -lcurl -lssl -lcrypto -lz -lzstd -lsnappy';
/** Applied to the addon's sources before it is built, in this order. */
const ADDON_PATCHES = [readerListenerFix, completionQueuePatch, listenerQueuePatch, listenerLifetimePatch, messageFieldsPatch];

const log = (message) => console.log(`${PREFIX} ${message}`);
class Stop extends Error {}
const stop = (message) => {
  throw new Stop(message);
};

const env = process.env;
const cacheHome = env.XDG_CACHE_HOME?.trim() || path.join(os.homedir(), '.cache');
const installPrefix = path.resolve(env.PULSAR_CPP_PREFIX?.trim() || path.join(cacheHome, 'alpes', `pulsar-cpp-${LIBPULSAR_VERSION}`));
const jobs = Number(env.PULSAR_NATIVE_JOBS) > 0 ? Number(env.PULSAR_NATIVE_JOBS) : os.availableParallelism();

/** Runs a command; its output goes to a log file (shown on failure) so the phase lines stay readable. */
async function run(command, args, { cwd = ROOT, extraEnv = {}, logFile } = {}) {
  if (logFile) fs.appendFileSync(logFile, `$ ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
    if (logFile) fs.appendFileSync(logFile, chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const status = await new Promise((resolve) => {
    child.once('error', (error) => resolve(error));
    child.once('close', (code) => resolve(code));
  });
  if (status instanceof Error) stop(`${command} could not run: ${status.message}`);
  if (status !== 0) {
    const tail = output.trim().split('\n').slice(-30).join('\n');
    stop(`${command} ${args.join(' ')} failed (exit ${status})${logFile ? `; full log: ${logFile}` : ''}\n${tail}`);
  }
  return output;
}

/** Loads pulsar-client the way @alpes/messaging resolves it, and constructs a Client (the C++ library runs). */
function addonLoads() {
  const probe = "const p=require('pulsar-client');const c=new p.Client({serviceUrl:'pulsar://127.0.0.1:1',log:()=>{}});c.close().then(()=>console.log(require.resolve('pulsar-client')))";
  const result = spawnSync(process.execPath, ['-e', probe], { cwd: MESSAGING, encoding: 'utf8', timeout: 30_000 });
  if (result.status === 0) return { ok: true, where: result.stdout.trim() };
  const reason = `${result.stderr ?? ''}`.split('\n').find((line) => /Error|Cannot|undefined symbol/.test(line))?.trim();
  return { ok: false, reason: reason ?? `exit ${result.status}` };
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

async function installDebianPackages(missing) {
  const access = installAccess();
  if (!access.may) stop(`missing Debian packages ${missing.join(' ')}; ${access.why}. Run:\n    ${installCommand(['--no-install-recommends', ...missing])}\nthen npm run pulsar:native again`);
  const [command, ...prefixArgs] = [...access.prefix, 'apt-get'];
  const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
  await run(command, [...prefixArgs, 'update', '-q'], { extraEnv: aptEnv });
  await run(command, [...prefixArgs, 'install', '-y', '--no-install-recommends', ...missing], { extraEnv: aptEnv });
}

const libpulsarReady = () =>
  fs.existsSync(path.join(installPrefix, 'lib', 'libpulsar.a')) && fs.existsSync(path.join(installPrefix, 'include', 'pulsar', 'c', 'message.h'));

function sourceTarball() {
  const configured = env.PULSAR_CPP_SOURCE?.trim();
  if (configured) {
    if (!fs.existsSync(configured)) stop(`PULSAR_CPP_SOURCE=${configured}: no such file`);
    return path.resolve(configured);
  }
  if (fs.existsSync(DEFAULT_SOURCE)) return DEFAULT_SOURCE;
  stop(
    `no libpulsar ${LIBPULSAR_VERSION} source: set PULSAR_CPP_SOURCE to its tarball (default ${DEFAULT_SOURCE} does not exist). ` +
      `With internet access, plain npm install downloads pulsar-client's prebuilt binary instead.`,
  );
}

/** cmake configure + build + install into a temporary prefix, renamed when complete (an interrupted build is redone). */
async function buildLibpulsar(tarball, logFile) {
  const work = `${installPrefix}.work`;
  const partial = `${installPrefix}.partial`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', work], { logFile });
  const source = fs.readdirSync(work).map((name) => path.join(work, name)).find((dir) => fs.existsSync(path.join(dir, 'CMakeLists.txt')));
  if (!source) stop(`${tarball} holds no CMakeLists.txt at its top level`);
  const build = path.join(work, 'build');
  await run('cmake', [
    '-S', source, '-B', build, '-DCMAKE_BUILD_TYPE=Release', '-DBUILD_TESTS=OFF', '-DBUILD_PERF_TOOLS=OFF',
    '-DBUILD_DYNAMIC_LIB=OFF', '-DBUILD_STATIC_LIB=ON', `-DCMAKE_INSTALL_PREFIX=${partial}`,
  ], { logFile });
  await run('cmake', ['--build', build, `-j${jobs}`], { logFile });
  await run('cmake', ['--install', build], { logFile });
  fs.rmSync(installPrefix, { recursive: true, force: true });
  fs.renameSync(partial, installPrefix);
  fs.rmSync(work, { recursive: true, force: true });
}

/**
 * An exclusive lock file holding our pid. A lock whose process is gone (killed, crashed) is taken over; a live one is
 * waited for, with a line every minute, since a concurrent build would delete the other's work directory.
 */
async function buildLock(file) {
  for (let waitedMs = 0; ; waitedMs += 2_000) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = Number(fs.readFileSync(file, 'utf8').trim());
    if (!isRunning(holder)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (waitedMs % 60_000 === 0) log(`another pulsar:native (pid ${holder}) is building libpulsar into ${installPrefix}: waiting for it`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

function isRunning(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Node's headers next to this node (Debian, nodesource, the official tarballs): node-gyp then downloads nothing. */
function nodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

async function buildAddon(logFile) {
  const nodedir = nodeDir();
  const buildEnv = {
    // npm 11 rejects --build-from-source as a flag; the config variable works, for npm and node-pre-gyp alike
    npm_config_build_from_source: 'true',
    ...(nodedir ? { npm_config_nodedir: nodedir } : {}),
    CPLUS_INCLUDE_PATH: [path.join(installPrefix, 'include'), env.CPLUS_INCLUDE_PATH].filter(Boolean).join(':'),
    LIBRARY_PATH: [path.join(installPrefix, 'lib'), env.LIBRARY_PATH].filter(Boolean).join(':'),
    LDFLAGS: [LINK_FLAGS, env.LDFLAGS].filter(Boolean).join(' '),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const installed = path.join(ADDON_DIR, 'package.json');
  let how = 'npm rebuild pulsar-client';
  if (!fs.existsSync(installed) || !fs.existsSync(path.join(ROOT, 'node_modules', '@mapbox', 'node-pre-gyp', 'package.json'))) {
    // `npm ci` drops an optional dependency (and its own dependencies) whose install script failed: install it again
    // from the lockfile, this time with the environment that makes its script succeed (then rebuilt with the fix).
    await run('npm', ['install', '--include=optional', '--foreground-scripts'], { extraEnv: buildEnv, logFile });
    how = 'npm install (the optional dependency was missing), then npm rebuild pulsar-client';
  }
  for (const patch of ADDON_PATCHES) patch.apply(ADDON_DIR);
  await run('npm', ['rebuild', 'pulsar-client', '--foreground-scripts'], { extraEnv: buildEnv, logFile });
  for (const patch of ADDON_PATCHES) patch.stampBuilt(ADDON_DIR);
  return `${how} (with the ${ADDON_PATCHES.map((patch) => patch.name).join(' and the ')})`;
}

async function main() {
  if (process.argv.includes('--libpulsar-only')) {
    await ensureLibpulsar(); // the image's first build stage (Dockerfile): a layer of its own, kept across package changes
    return;
  }
  const force = env.PULSAR_NATIVE_FORCE === '1';
  const before = addonLoads();
  const unbuilt = ADDON_PATCHES.filter((patch) => !patch.built(ADDON_DIR)).map((patch) => patch.name);
  if (before.ok && !force && unbuilt.length === 0) {
    log(`pulsar-client loads already (${path.relative(ROOT, before.where)}): nothing to build`);
    return;
  }
  if (before.ok && unbuilt.length) log(`pulsar-client loads but was built without the ${unbuilt.join(' and the ')}: rebuilding it`);
  if (!before.ok) log(`pulsar-client does not load (${before.reason}): building it against libpulsar ${LIBPULSAR_VERSION}`);
  const { logDir, stamp } = await ensureLibpulsar();

  const addonLog = path.join(logDir, `addon-${stamp}.log`);
  await phase(PREFIX, `building pulsar-client ${PULSAR_CLIENT_VERSION} from source against it (~45 s)`, () => buildAddon(addonLog), (how) => `${how}; log: ${addonLog}`);

  const after = await phase(PREFIX, 'loading pulsar-client', async () => addonLoads(), (result) => (result.ok ? path.relative(ROOT, result.where) : undefined));
  if (!after.ok) stop(`the addon was built but does not load: ${after.reason} (build log: ${addonLog})`);
  log('ready: PULSAR_CLIENT=native (or auto) uses the native client');
}

/** The Debian build packages, then libpulsar in the cache (built once); resolves with where the build logs go. */
async function ensureLibpulsar() {
  if (os.platform() !== 'linux') stop('this build recipe is for Linux (Debian packages); elsewhere, npm install downloads the prebuilt binary');

  const logDir = path.join(installPrefix + '.logs');
  fs.mkdirSync(logDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const missing = missingDebianPackages();
  await phase(PREFIX, missing.length ? `installing Debian build packages (${missing.join(' ')})` : 'Debian build packages', async () => {
    if (missing.length) await installDebianPackages(missing);
  }, () => (missing.length ? undefined : 'all present'));

  // Another clone on this machine may be building the same cache right now: one build at a time, the others reuse it.
  const release = await buildLock(`${installPrefix}.lock`);
  try {
    if (libpulsarReady()) {
      log(`libpulsar ${LIBPULSAR_VERSION}: reusing ${installPrefix}`);
    } else {
      const tarball = sourceTarball();
      const logFile = path.join(logDir, `libpulsar-${stamp}.log`);
      await phase(PREFIX, `building libpulsar ${LIBPULSAR_VERSION} (static, ${jobs} jobs; ~4.5 min on 2 cores) into ${installPrefix}`, () => buildLibpulsar(tarball, logFile), () => `log: ${logFile}`);
    }
  } finally {
    release();
  }
  return { logDir, stamp };
}

main().catch((error) => {
  console.error(`${PREFIX} ERROR: ${error instanceof Stop ? error.message : (error?.stack ?? String(error))}`);
  process.exit(1);
});
