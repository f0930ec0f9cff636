// One graphql-ws client (graphql-transport-ws over ws, written out so that the test controls the socket) that keeps a
// campanaCreada subscription going across dropped sockets: whenever its socket drops or its subscription ends, it
// connects again and resumes with desdeEvento, from the eventoId the overflow error names or else the last eventoId
// it received. It records every campaign it received (and how often), every error, and each overflow's eventoId.
import WebSocket from 'ws';

export interface SubscriberRecord {
  /** Campaign id → how many times it arrived. */
  received: Map<string, number>;
  /** Error codes of results or error messages (SUBSCRIPTION_OVERFLOW, UNAVAILABLE…) with their count. */
  errorCodes: Map<string, number>;
  /** Events that arrived with an error instead of (or beside) their campaign, first few messages. */
  failedEvents: string[];
  /** Overflow errors whose extensions.eventoId was missing or not the last eventoId this subscriber had received. */
  overflowCursorMismatches: string[];
  /** Subscriptions opened after the first (socket drops, overflows, ended subscriptions). */
  resumes: number;
  /** Sockets this subscriber dropped on purpose. */
  drops: number;
}

export interface ResumingSubscriberOptions {
  wsUrl: string;
  authorization: string;
  /** A subscription operation with a `$desdeEvento: ID` variable on campanaCreada. */
  query: string;
}

const PROTOCOL = 'graphql-transport-ws';

export class ResumingSubscriber {
  readonly record: SubscriberRecord = { received: new Map(), errorCodes: new Map(), failedEvents: [], overflowCursorMismatches: [], resumes: 0, drops: 0 };
  /** The last eventoId received: where a resume starts. */
  lastEventoId: string | undefined;
  #socket: WebSocket | undefined;
  #stopped = false;
  #opened = 0;

  constructor(private readonly options: ResumingSubscriberOptions) {}

  start(): void {
    this.#connect(undefined);
  }

  /** Cuts the socket at once (no close handshake), as a network failure does; the subscriber then resumes. */
  drop(): void {
    if (!this.#socket) return;
    this.record.drops += 1;
    this.#socket.terminate();
  }

  /** Whether every id arrived (at least once). */
  hasAll(ids: readonly string[]): boolean {
    return ids.every((id) => this.record.received.has(id));
  }

  stop(): void {
    this.#stopped = true;
    this.#socket?.terminate();
    this.#socket = undefined;
  }

  #connect(desdeEvento: string | undefined): void {
    if (this.#stopped) return;
    if (this.#opened++ > 0) this.record.resumes += 1;
    const socket = new WebSocket(this.options.wsUrl, PROTOCOL);
    this.#socket = socket;
    const send = (message: object) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));
    socket.on('open', () => send({ type: 'connection_init', payload: { authorization: this.options.authorization } }));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        send({ id: '1', type: 'subscribe', payload: { query: this.options.query, variables: desdeEvento ? { desdeEvento } : {} } });
      } else if (message.type === 'ping') {
        send({ type: 'pong' });
      } else if (message.type === 'next') {
        const resumeFrom = this.#took(message.payload as NextPayload);
        if (resumeFrom !== undefined) this.#resume(socket, resumeFrom);
      } else if (message.type === 'error') {
        for (const error of message.payload as { message: string; extensions?: { code?: string } }[]) this.#count(error.extensions?.code ?? error.message);
        this.#resume(socket, this.lastEventoId);
      } else if (message.type === 'complete') {
        this.#resume(socket, this.lastEventoId);
      }
    });
    socket.on('error', () => undefined); // the close that follows resumes
    socket.on('close', () => this.#resume(socket, this.lastEventoId));
  }

  /** Records one result; returns the cursor to resume from when it ended the subscription (an overflow). */
  #took(payload: NextPayload): string | undefined {
    const event = payload.data?.campanaCreada;
    const errors = payload.errors ?? [];
    const overflow = errors.find((error) => error.extensions?.code === 'SUBSCRIPTION_OVERFLOW');
    for (const error of errors) this.#count(error.extensions?.code ?? 'NO_CODE');
    if (overflow) {
      const cursor = overflow.extensions?.eventoId;
      if (typeof cursor !== 'string' || cursor !== this.lastEventoId) {
        this.record.overflowCursorMismatches.push(`overflow eventoId ${String(cursor)}, last received ${String(this.lastEventoId)}`);
      }
      return typeof cursor === 'string' ? cursor : this.lastEventoId;
    }
    if (event?.eventoId) this.lastEventoId = event.eventoId;
    const id = event?.campana?.id;
    if (typeof id === 'string') this.record.received.set(id, (this.record.received.get(id) ?? 0) + 1);
    if ((errors.length > 0 || typeof id !== 'string') && this.record.failedEvents.length < 5)
      this.record.failedEvents.push(JSON.stringify(payload).slice(0, 400));
    return undefined;
  }

  #resume(socket: WebSocket, from: string | undefined): void {
    if (this.#socket !== socket) return; // this socket was already given up
    this.#socket = undefined;
    socket.removeAllListeners('message');
    socket.terminate();
    this.#connect(from);
  }

  #count(code: string): void {
    this.record.errorCodes.set(code, (this.record.errorCodes.get(code) ?? 0) + 1);
  }
}

interface NextPayload {
  data?: { campanaCreada?: { eventoId?: string; campana?: { id?: string } | null } | null } | null;
  errors?: { message: string; extensions?: { code?: string; eventoId?: unknown } }[];
}
