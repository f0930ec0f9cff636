import WebSocket from 'ws';
import { isRefusal, UpgradeRefusedError } from './upgrade-refused.js';

export interface BackoffOptions {
  /** First reconnect delay (default 100 ms), doubled after every failed attempt… */
  readonly initialMs: number;
  /** …up to this (default 5 000 ms). */
  readonly maxMs: number;
}

export interface SocketSettings {
  /** For error messages: "consumer orders/workers". */
  readonly name: string;
  /** Evaluated before every attempt, so a reader can resume after its last message. */
  readonly url: () => string;
  readonly backoff: BackoffOptions;
  /** Per-attempt handshake timeout. */
  readonly handshakeTimeoutMs: number;
  /** A ping every this often; no pong before the next one → the connection is treated as dead. */
  readonly pingIntervalMs: number;
  readonly onMessage: (text: string, generation: number) => void;
  /** Every open socket gets a new generation number. */
  readonly onOpen?: (generation: number) => void;
  /** An open socket closed, or an attempt failed; reconnecting follows unless close() was called. */
  readonly onDown?: (error: Error, wasOpen: boolean) => void;
}

type State = 'idle' | 'connecting' | 'open' | 'waiting' | 'closed';

/**
 * One WebSocket to the broker that reconnects by itself with exponential backoff (with jitter) whenever it
 * drops, until close(). The first connection (open()) fails fast when the broker refuses it (HTTP 4xx).
 */
export class ReconnectingSocket {
  #state: State = 'idle';
  #ws: WebSocket | undefined;
  #generation = 0;
  #failures = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #first: { resolve: () => void; reject: (error: Error) => void; deadline: number } | undefined;
  #closed: Promise<void> | undefined;

  constructor(private readonly settings: SocketSettings) {}

  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** True unless it is idle, open or closed: a connection was wanted and is not there. */
  get isDown(): boolean {
    return this.#state === 'connecting' || this.#state === 'waiting';
  }

  get generation(): number {
    return this.#generation;
  }

  /** First connection: resolves once open; rejects on an HTTP refusal or when not open within `timeoutMs`. */
  open(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#first = { resolve, reject, deadline: Date.now() + timeoutMs };
      this.connectNow();
    });
  }

  /** Connects now unless open or connecting (cuts a pending backoff wait short). */
  connectNow(): void {
    if (this.#state === 'open' || this.#state === 'connecting' || this.#state === 'closed') return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  /** Sends one text frame; resolves once written to the socket. */
  send(text: string): Promise<void> {
    const ws = this.#ws;
    if (this.#state !== 'open' || !ws) return Promise.reject(new Error(`${this.settings.name}: not connected`));
    return new Promise((resolve, reject) => ws.send(text, (error) => (error ? reject(error) : resolve())));
  }

  /** Stops reconnecting and closes the socket (waits for the close handshake, at most 2 s). Idempotent. */
  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#state = 'closed';
    clearTimeout(this.#retryTimer);
    this.#stopPing();
    this.#first?.reject(new Error(`${this.settings.name}: closed before it connected`));
    this.#first = undefined;
    const ws = this.#ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2_000);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, 'closed by client');
    });
  }

  #connect(): void {
    this.#state = 'connecting';
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.settings.url(), { handshakeTimeout: this.settings.handshakeTimeoutMs, perMessageDeflate: false });
    } catch (error) {
      this.#failed(error instanceof Error ? error : new Error(String(error)), false);
      return;
    }
    this.#ws = ws;
    let opened = false;
    let failure: Error | undefined;
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body = (body + chunk).slice(0, 4_000)));
      response.on('end', () => {
        failure = new UpgradeRefusedError(response.statusCode ?? 0, this.settings.name, body);
        ws.terminate();
      });
    });
    ws.on('open', () => {
      opened = true;
      this.#opened(ws);
    });
    ws.on('message', (data) => {
      if (this.#ws === ws) this.settings.onMessage(data.toString(), this.#generation);
    });
    ws.on('pong', () => {
      alive.set(ws, true);
    });
    ws.on('error', (error) => (failure ??= error));
    ws.on('close', (code, reason) => {
      if (this.#ws !== ws) return;
      this.#ws = undefined;
      this.#stopPing();
      if (this.#state === 'closed') return;
      const why = failure ?? new Error(`${this.settings.name}: connection closed (${code}${reason.length ? ` ${reason}` : ''})`);
      this.#failed(why, opened);
    });
  }

  #opened(ws: WebSocket): void {
    if (this.#state === 'closed') return;
    this.#state = 'open';
    this.#failures = 0;
    this.#generation += 1;
    this.#startPing(ws);
    this.#first?.resolve();
    this.#first = undefined;
    this.settings.onOpen?.(this.#generation);
  }

  #failed(error: Error, wasOpen: boolean): void {
    this.settings.onDown?.(error, wasOpen);
    if (this.#state === 'closed') return;
    const first = this.#first;
    if (first && (isRefusal(error) || Date.now() >= first.deadline)) {
      this.#first = undefined;
      this.#state = 'closed';
      first.reject(error);
      return;
    }
    this.#state = 'waiting';
    const { initialMs, maxMs } = this.settings.backoff;
    const delay = Math.min(maxMs, initialMs * 2 ** this.#failures);
    this.#failures += 1;
    this.#retryTimer = setTimeout(() => this.#connect(), delay / 2 + Math.random() * (delay / 2));
  }

  #startPing(ws: WebSocket): void {
    alive.set(ws, true);
    this.#pingTimer = setInterval(() => {
      if (!alive.get(ws)) {
        ws.terminate(); // no pong since the last ping: the connection is dead
        return;
      }
      alive.set(ws, false);
      ws.ping();
    }, this.settings.pingIntervalMs);
    this.#pingTimer.unref();
  }

  #stopPing(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
  }
}

const alive = new WeakMap<WebSocket, boolean>();
