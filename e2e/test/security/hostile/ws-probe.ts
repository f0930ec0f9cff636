// One graphql-ws exchange on a fresh socket, spoken by hand (graphql-transport-ws) so that anything can be sent:
// connection_init with the token, then one subscribe (or a raw frame), then whatever the gateway answers.
import WebSocket from 'ws';

export interface WsOutcome {
  acknowledged: boolean;
  /** Server messages after the acknowledgement (next, error, complete, …), parsed. */
  messages: { type: string; id?: string; payload?: unknown }[];
  /** How the socket was closed by the server, if it was within the wait. */
  closed?: { code: number; reason: string };
  /** No error, complete or close within the wait: the subscription is live. */
  live: boolean;
}

/** `frame`: a subscribe payload ({ query, variables }) or a raw text frame sent as it is. */
export function probeSubscription(
  httpUrl: string,
  authorization: string,
  frame: { query: string; variables?: unknown } | string,
  waitMs = 150,
): Promise<WsOutcome> {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const outcome: WsOutcome = { acknowledged: false, messages: [], live: false };
  return new Promise<WsOutcome>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (live: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(overall);
      outcome.live = live;
      if (socket.readyState === WebSocket.OPEN) {
        if (live) socket.send(JSON.stringify({ id: '1', type: 'complete' }));
        socket.close(1000);
      } else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      resolve(outcome);
    };
    const overall = setTimeout(() => finish(outcome.acknowledged), 15_000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (data) => {
      if (done) return;
      let message: { type: string; id?: string; payload?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        outcome.messages.push({ type: 'unparsable', payload: String(data).slice(0, 200) });
        return finish(false);
      }
      if (message.type === 'connection_ack') {
        outcome.acknowledged = true;
        socket.send(typeof frame === 'string' ? frame : JSON.stringify({ id: '1', type: 'subscribe', payload: frame }));
        timer = setTimeout(() => finish(true), waitMs);
        return;
      }
      if (message.type === 'ping') return socket.send(JSON.stringify({ type: 'pong' }));
      outcome.messages.push(message);
      if (message.type === 'error' || message.type === 'complete') finish(false);
    });
    socket.on('close', (code, reason) => {
      if (done) return;
      outcome.closed = { code, reason: reason.toString() };
      finish(false);
    });
    socket.on('error', () => finish(false));
  });
}

/** Close codes a hostile client may get: normal, going away, policy, too big, and graphql-ws's 44xx (not 4500, not 1011). */
export const ACCEPTABLE_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1001, 1008, 1009, 4008, 4029, 4400, 4401, 4403, 4408, 4409, 4413, 4429]);
