// Request/answer over a forked child's IPC channel: the bench's processes (stack, subscriber swarm, bare server)
// are driven by the orchestrator and report counters, RSS and recordings back through it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Request {
  ipcId: number;
  command: string;
  payload: unknown;
}
interface Answer {
  ipcId: number;
  result?: unknown;
  error?: string;
}

export type Handlers = Record<string, (payload: never) => unknown>;

/** In a child: answers the orchestrator's requests; exits when the orchestrator goes away. */
export function serveIpc(handlers: Handlers): void {
  if (!process.send) throw new Error('this script is started by a bench through IPC (fork), not by hand');
  process.on('message', (message: Request) => {
    const handler = handlers[message.command];
    void (async () => {
      try {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        const result = await handler(message.payload as never);
        process.send!({ ipcId: message.ipcId, result } satisfies Answer);
      } catch (error) {
        process.send!({ ipcId: message.ipcId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer);
      }
    })();
  });
  // The orchestrator went away (it crashed or was killed): release what this child holds (its `stop`, e.g. the
  // embedded PostgreSQL) before exiting, so nothing is left orphaned.
  process.once('disconnect', () => {
    const stop = handlers.stop as (() => unknown) | undefined;
    const deadline = new Promise((resolve) => setTimeout(resolve, 20_000).unref());
    void Promise.race([Promise.resolve(stop?.()), deadline]).finally(() => process.exit(0));
  });
}

export interface BenchChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Resolves when the child has sent `{ ready: true }` (it is up); rejects when it exits first. */
  readonly ready: Promise<void>;
  call<T>(command: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to stop (its `stop` command), then waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Forks a bench child (a TypeScript file under bench/support) with tsx. `execArgv` adds Node flags, e.g. the
 * profiling preload or --expose-gc.
 */
export function forkBenchChild(script: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): BenchChild {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = fork(path, [], { execArgv: ['--import', 'tsx', ...execArgv], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  child.on('message', (answer: Answer) => {
    const waiter = pending.get(answer.ipcId);
    if (!waiter) return;
    pending.delete(answer.ipcId);
    if (answer.error) waiter.reject(new Error(answer.error));
    else waiter.resolve(answer.result);
  });
  let markReady!: () => void;
  let failReady!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => ((markReady = resolve), (failReady = reject)));
  child.on('message', (message: { ready?: boolean }) => {
    if (message.ready) markReady();
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      failReady(new Error(`${script} exited before it was ready (${code ?? signal})`));
      for (const waiter of pending.values()) waiter.reject(new Error(`${script} exited (${code ?? signal})`));
      pending.clear();
      resolve();
    }),
  );
  process.once('exit', () => child.kill('SIGKILL'));
  return {
    process: child,
    pid: child.pid!,
    ready,
    call<T>(command: string, payload?: unknown, timeoutMs = 600_000) {
      const ipcId = next++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(ipcId);
          reject(new Error(`${script}: ${command} got no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(ipcId, {
          resolve: (value) => (clearTimeout(timer), resolve(value as T)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        child.send({ ipcId, command, payload } satisfies Request);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await this.call('stop', undefined, 60_000).catch(() => child.kill('SIGKILL'));
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
