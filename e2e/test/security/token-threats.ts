/**
 * Threats at the door, through the gateway: tokens that must not be accepted (HTTP 401, nothing runs), what an
 * anonymous caller may do, roles that must not write, and subgraphs that must not answer anyone but the gateway.
 */
import { expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@alpes/security';
import { hmacWithPublicKey, signedToken, tamperedToken, tokenSignedWithAnotherKey, unsignedToken } from '@alpes/security/testing';
import { postGraphQL } from '@alpes/testing';
import type { ThreatTarget } from './threat-fixture.js';

const QUERY = '{ comisiones(first: 5) { totalCount nodes { id monto } } }';

async function post(url: string, query: string, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get('www-authenticate'),
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

export function tokenThreats(target: () => ThreatTarget): void {
  const claims = () => ({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE });
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses alg none, another key, HS/RS confusion, an expired token, another issuer or audience and tampered claims: HTTP 401, no data', async () => {
    const { signingKey, publicKey, gatewayUrl } = target();
    const valid = await target().token('afiliado', { afiliadoId: '0190a000-0000-7000-8000-000000000001' });
    const base = { sub: 'mallory', scope: 'comisiones:read', iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE, iat: now() - 600 };
    const forged: Record<string, string> = {
      'alg none': unsignedToken(claims()),
      'another key': await tokenSignedWithAnotherKey(claims()),
      expired: await signedToken(signingKey, { ...base, exp: now() - 120 }),
      'another issuer': await signedToken(signingKey, { ...base, iss: 'https://idp.evil.example', exp: now() + 600 }),
      'another audience': await signedToken(signingKey, { ...base, aud: 'another-api', exp: now() + 600 }),
      'more scopes than granted': tamperedToken(valid, { scope: 'comisiones:read comisiones:write' }),
      'another afiliado': tamperedToken(valid, { afiliado_id: '0190a000-0000-7000-8000-000000000002' }),
      'not a JWT': 'abc.def.ghi',
      ...(publicKey ? { 'HS256 signed with the public key': await hmacWithPublicKey(claims(), publicKey) } : {}),
    };
    for (const [attack, token] of Object.entries(forged)) {
      const answer = await post(gatewayUrl, QUERY, `Bearer ${token}`);
      expect(answer.status, attack).toBe(401);
      expect(answer.wwwAuthenticate, attack).toMatch(/^Bearer error="invalid_token"/);
      expect(answer.body.data, attack).toBeUndefined();
      expect(answer.body.errors?.[0]?.extensions?.code, attack).toBe('UNAUTHENTICATED');
    }
    expect((await post(gatewayUrl, QUERY, 'Basic YWRtaW46YWRtaW4=')).status).toBe(401);
  });

  it('lets an anonymous caller run __typename and introspection only: every field answers UNAUTHENTICATED, a mutation never runs', async () => {
    const { gatewayUrl } = target();
    expect((await postGraphQL(gatewayUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect((await postGraphQL(gatewayUrl, '{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const read = await postGraphQL(gatewayUrl, '{ __typename campana(id: "0190a000-0000-7000-8000-000000000001") { nombre } }');
    expect(read.data).toEqual({ __typename: 'Query', campana: null });
    expect(read.errors).toEqual([expect.objectContaining({ path: ['campana'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    const write = await postGraphQL(gatewayUrl, 'mutation { aprobarComision(id: "0190a000-0000-7000-8000-000000000001") { correlationId } }');
    expect(write.data).toBeNull();
    expect(write.errors).toEqual([expect.objectContaining({ path: ['aprobarComision'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
  });

  it('keeps each role to its scopes: an affiliate cannot write, an integration can register conversions but read nothing', async () => {
    const { gatewayUrl } = target();
    const afiliado = `Bearer ${await target().token('afiliado', { afiliadoId: '0190a000-0000-7000-8000-000000000001' })}`;
    const approve = await postGraphQL(
      gatewayUrl,
      'mutation { aprobarComision(id: "0190a000-0000-7000-8000-000000000001") { correlationId } }',
      undefined,
      afiliado,
    );
    expect(approve.errors).toEqual([expect.objectContaining({ path: ['aprobarComision'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    const integracion = `Bearer ${await target().token('integracion')}`;
    const reading = await postGraphQL(gatewayUrl, '{ afiliados { totalCount } }', undefined, integracion);
    expect(reading.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Query.afiliados needs scope afiliados:read or scope self:read'),
      extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
    });
  });

  it('a subgraph called directly answers nobody but the gateway: no header, a client token, a forged identity get HTTP 401', async () => {
    const { marketingUrl, admin } = target();
    for (const authorization of [undefined, admin, `Bearer ${unsignedToken({ issuer: 'alpespartner-gateway', audience: 'alpespartner-subgraphs' })}`]) {
      const answer = await post(marketingUrl, QUERY, authorization);
      expect(answer.status, authorization ?? 'no header').toBe(401);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await post(marketingUrl, '{ _service { sdl } }')).status).toBe(401); // not even the schema
  });
}
