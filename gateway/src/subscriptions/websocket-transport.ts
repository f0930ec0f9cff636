import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '@alpes/platform';
import { withSharedPayload } from './shared-payload.js';
import { closeReason, LIMIT_CLOSE_CODES, type WebSocketLimits } from './websocket-limits.js';

export interface ServedWebSockets {
  /** Closes every socket with 1001 Going Away and stops listening. */
  dispose(): Promise<void>;
}

/**
 * graphql-ws's protocol (makeServer) on a ws server, as graphql-ws's own `useServer` binds it, plus the limits it does
 * not have: the message size (1009 with the size and the limit), ping/pong that drops a peer that stopped answering,
 * and a bounded outgoing buffer per socket. A frame is written without waiting for the previous one to be flushed,
 * so a client that stops reading holds up nobody, not even its own subscriptions' readers: its bytes pile up in
 * ws's buffer (`bufferedAmount`), and past `maxBufferedBytes` (checked at the end of each tick, see below) the client is cut
 * off with 4008 and a reason.
 */
export function serveGraphqlWs(
  options: ServerOptions<Record<string, unknown> | undefined, Extra>,
  wsServer: WebSocketServer,
  limits: WebSocketLimits,
  logger: Logger,
): ServedWebSockets {
  const server = makeServer({ ...options, connectionInitWaitTimeout: limits.connectionInitTimeoutMs });
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.on('error', (error) => logger.error({ err: error }, 'websocket server error'));
  wsServer.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    let ended = false;
    // graphql-ws ends the socket's subscriptions once, when it closes or when we cut it off (whichever comes first).
    const end = (code: number, reason: string) => {
      if (ended) return;
      ended = true;
      stopHeartbeat();
      void closed(code, reason).catch((error: unknown) => logger.error({ err: error }, 'error while closing a graphql-ws connection'));
    };
    const stopHeartbeat = heartbeat(socket, limits.pingIntervalMs);
    // Checked once the tick's frames went to the kernel (while corked, everything written this tick counts as waiting).
    const cutOffWhenSlow = () => {
      if (ended || socket.readyState !== socket.OPEN || socket.bufferedAmount <= limits.maxBufferedBytes) return;
      const reason = closeReason(`Slow consumer: ${socket.bufferedAmount} bytes waiting to be sent, limit ${limits.maxBufferedBytes}`);
      logger.warn({ bufferedAmount: socket.bufferedAmount, maxBufferedBytes: limits.maxBufferedBytes }, 'slow graphql-ws consumer cut off');
      // The close frame waits behind the unread bytes; ws destroys the TCP connection if the client has not
      // answered it within 30 s. Nothing more is sent meanwhile, and the subscriptions end now.
      socket.close(LIMIT_CLOSE_CODES.slowConsumer, reason);
      end(LIMIT_CLOSE_CODES.slowConsumer, reason);
    };
    const holdWrites = writesHeldUntilNextTick(request.socket, cutOffWhenSlow);
    socket.on('error', (error) => logger.warn({ err: error }, 'websocket error'));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (message) => {
          const data = withSharedPayload(message); // first: the shared payload waits for exactly this message
          if (socket.readyState !== socket.OPEN) return;
          holdWrites();
          socket.send(data);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data: Buffer | Buffer[] | ArrayBuffer) => {
            const bytes = byteLength(data);
            if (bytes > limits.maxPayloadBytes) {
              socket.close(LIMIT_CLOSE_CODES.payloadTooLarge, closeReason(`Message too big: ${bytes} bytes, limit ${limits.maxPayloadBytes}`));
              return;
            }
            handle(String(data)).catch((error: unknown) => {
              logger.error({ err: error }, 'error handling a graphql-ws message');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => end(code, String(reason)));
  });
  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      wsServer.removeAllListeners('connection');
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Corks the TCP socket under a WebSocket (the request's socket is the one ws writes to) on its first frame of a tick
 * and uncorks it on the next tick: the frames of every event delivered in one go (a hydration batch completes several
 * events at once) leave in one write, one system call per client instead of one per frame. The frames keep their order.
 * `released` runs after each uncork.
 */
function writesHeldUntilNextTick(tcp: Duplex, released: () => void): () => void {
  let held = false;
  const release = () => {
    held = false;
    tcp.uncork();
    released();
  };
  return () => {
    if (held) return;
    held = true;
    tcp.cork();
    process.nextTick(release);
  };
}

/** A ping every interval; a peer that did not answer the previous ping by the next one is terminated. */
function heartbeat(socket: WebSocket, intervalMs: number): () => void {
  if (!(intervalMs > 0)) return () => {};
  let answered = true;
  socket.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    if (socket.readyState === socket.OPEN) socket.ping();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function byteLength(data: Buffer | Buffer[] | ArrayBuffer): number {
  if (Array.isArray(data)) return data.reduce((total, part) => total + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}
