// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) on Node 20.
// The package's entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20
// cannot import; so the .wasm is instantiated by hand with the package's JS glue as its import
// object. Loaded lazily, once per process.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

const GLUE_SPECIFIER = '@prisma/schema-engine-wasm/schema_engine_bg';

type WasmExports = Record<string, unknown>;

/** The part of the WebAssembly global we use (lib "DOM" is not in our tsconfig). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: WasmExports } }>;
}

interface WasmGlue {
  __wbg_set_wasm(exports: WasmExports): void;
  version(): string;
  SchemaEngine: typeof SchemaEngine;
}

export interface LoadedSchemaEngineWasm {
  SchemaEngine: typeof SchemaEngine;
  /** Git hash of prisma-engines the wasm was built from. */
  version: string;
  /** How long reading, compiling and starting the wasm took. */
  loadTimeMs: number;
}

/** Prisma's glue reports Rust panics through this global (the Prisma CLI installs the same). */
interface PanicRegistry {
  get(): string;
  set_message(message: string): void;
}

let loading: Promise<LoadedSchemaEngineWasm> | undefined;

export function loadSchemaEngineWasm(): Promise<LoadedSchemaEngineWasm> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The last Rust panic message of the engine, if any. */
export function lastSchemaEnginePanic(): string | undefined {
  const registry = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry }).PRISMA_WASM_PANIC_REGISTRY;
  return registry?.get() || undefined;
}

async function instantiate(): Promise<LoadedSchemaEngineWasm> {
  const started = performance.now();
  installPanicRegistry();
  const gluePath = createRequire(import.meta.url).resolve(GLUE_SPECIFIER);
  const glue = (await import(GLUE_SPECIFIER)) as unknown as WasmGlue;
  const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
  const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return { SchemaEngine: glue.SchemaEngine, version: glue.version(), loadTimeMs: performance.now() - started };
}

/**
 * The engine arms 10 s timers (e.g. around taking its advisory lock) that it never clears, and the
 * glue has no clearTimeout: every engine call would keep the process alive for 10 s after it
 * finished. Unref them: they still fire while anything else (a database socket) keeps Node alive.
 */
function withUnrefTimers(glue: WasmGlue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
}

function installPanicRegistry(): void {
  const scope = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
  if (scope.PRISMA_WASM_PANIC_REGISTRY) return;
  let message = '';
  scope.PRISMA_WASM_PANIC_REGISTRY = {
    get: () => message,
    set_message: (next) => {
      message = `RuntimeError: ${next}`;
    },
  };
}
