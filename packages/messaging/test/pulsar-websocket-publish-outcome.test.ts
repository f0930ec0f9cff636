/**
 * What a failed publish says about the message, over the Pulsar WebSocket producer protocol. A stand-in broker
 * (a plain `ws` server on loopback) plays the broker's side of each case, which a real broker cannot be made to do
 * on demand: stay silent, refuse, or drop the connection right after a frame arrived.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { BusUnavailableError, PulsarWebSocketBus } from '../src/index.js';

type BrokerBehaviour = (socket: WebSocket, frame: { context?: string }) => void;

let server: Server | undefined;
let bus: PulsarWebSocketBus | undefined;

async function standInBroker(onFrame: BrokerBehaviour): Promise<string> {
  server = createServer((_request, response) => response.writeHead(200).end('ok'));
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket) => socket.on('message', (data) => onFrame(socket, JSON.parse(String(data)) as { context?: string })));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function publishFailure(webUrl: string): Promise<BusUnavailableError> {
  bus = new PulsarWebSocketBus({ webUrl, publishTimeoutMs: 300, connectTimeoutMs: 1_000, reconnectBackoff: { initialMs: 50, maxMs: 100 } });
  const error = await bus.publish('outcome-topic', { key: 'k', body: '{}' }).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(BusUnavailableError);
  return error as BusUnavailableError;
}

afterEach(async () => {
  await bus?.close();
  bus = undefined;
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

describe('a failed publish says whether the message may be stored (outcomeUnknown)', () => {
  it('no receipt before the timeout: the broker got the frame, so the outcome is unknown', async () => {
    const error = await publishFailure(await standInBroker(() => undefined));
    expect(error.message).toMatch(/no receipt .* within 300 ms/);
    expect(error.outcomeUnknown).toBe(true);
  });

  it('the connection drops after the frame was sent: unknown', async () => {
    const error = await publishFailure(await standInBroker((socket) => socket.terminate()));
    expect(error.message).toMatch(/connection dropped before the broker confirmed/);
    expect(error.outcomeUnknown).toBe(true);
  });

  it('the broker refuses it: certainly not stored', async () => {
    const error = await publishFailure(
      await standInBroker((socket, frame) => socket.send(JSON.stringify({ result: 'send-error', errorMsg: 'quota exceeded', context: frame.context }))),
    );
    expect(error.message).toMatch(/refused .*quota exceeded/);
    expect(error.outcomeUnknown).toBe(false);
  });

  it('no broker to connect to: certainly not stored', async () => {
    const webUrl = await standInBroker(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await publishFailure(webUrl);
    expect(error.outcomeUnknown).toBe(false);
  });
});
