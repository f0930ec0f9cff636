// The lean POST /graphql (node:http straight into Apollo Server) answers exactly as express's route does: the same
// status, content type and body for an operation, malformed JSON, a body that is not an object, variables nested
// too deep and a token that does not verify. A request from an allowed browser origin takes express's route (CORS is
// express middleware), so each case is sent both ways to the same gateway.
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/index.js';
import { ephemeralStackAuth } from '@alpes/security';

const supergraph = { kind: 'file' as const, path: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)) };
const APP_ORIGIN = 'http://app.alpes.test';
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGateway({ port: 0, supergraph, auth: ephemeralStackAuth(), corsOrigins: [APP_ORIGIN] });
});
afterAll(async () => {
  await gateway.close();
});

async function postBoth(body: string, headers: Record<string, string> = {}) {
  const send = async (via: Record<string, string>) => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...via }, body });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      wwwAuthenticate: response.headers.get('www-authenticate'),
      body: await response.text(),
    };
  };
  return { lean: await send({}), express: await send({ origin: APP_ORIGIN }) };
}

/**
 * A client that writes its body in two parts, 200 ms apart, on a connection it closes after the answer (as the
 * hostile suite's does): a server that answers before the body has arrived ends the socket under the second write.
 */
function postSlowly(body: string, headers: Record<string, string>) {
  return new Promise<{ status: number | undefined; body: string; answeredBeforeBodyEnded: boolean }>((resolve, reject) => {
    let bodyEnded = false;
    const request = httpRequest(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close', ...headers },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const answeredBeforeBodyEnded = !bodyEnded;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: text, answeredBeforeBodyEnded }));
    });
    request.write(body.slice(0, 1024));
    setTimeout(() => {
      bodyEnded = true;
      request.end(body.slice(1024));
    }, 200);
  });
}

describe('lean POST /graphql', () => {
  it('answers an operation as express does', async () => {
    const { lean, express } = await postBoth(JSON.stringify({ query: '{ __typename }' }));
    expect(lean).toEqual(express);
    expect(JSON.parse(lean.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers malformed JSON and a body that is not an object 400 BAD_REQUEST, as express does', async () => {
    for (const body of ['{"query": "{ __typename }",', 'null', '"{ __typename }"']) {
      const { lean, express } = await postBoth(body);
      expect(lean).toEqual(express);
      expect(lean.status).toBe(400);
      expect(JSON.parse(lean.body)).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
  });

  it('refuses variables nested too deep with VARIABLES_TOO_DEEP, as express does', async () => {
    const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    const { lean, express } = await postBoth(`{"query":"query ($f: JSON) { __typename }","variables":{"f":${deep}}}`);
    expect(lean).toEqual(express);
    expect(lean.status).toBe(400);
    expect(JSON.parse(lean.body).errors[0].extensions).toEqual({ code: 'VARIABLES_TOO_DEEP', depth: 33, maxDepth: 32 });
  });

  it('answers a body over 1 MB 413 PAYLOAD_TOO_LARGE once it has read it all, as express does (no EPIPE for a slow client)', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { filler: 'x'.repeat(1024 * 1024) } });
    const lean = await postSlowly(body, {});
    const express = await postSlowly(body, { origin: APP_ORIGIN });
    expect(lean).toEqual(express);
    expect(lean.status).toBe(413);
    expect(lean.answeredBeforeBodyEnded).toBe(false);
    expect(JSON.parse(lean.body).errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 1024 * 1024 });
  });

  it('answers a token that does not verify 401 UNAUTHENTICATED with WWW-Authenticate, as express does', async () => {
    const { lean, express } = await postBoth(JSON.stringify({ query: '{ __typename }' }), { authorization: 'Bearer not.a.token' });
    expect(lean).toEqual(express);
    expect(lean.status).toBe(401);
    expect(lean.wwwAuthenticate).toMatch(/invalid_token/);
    expect(JSON.parse(lean.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
