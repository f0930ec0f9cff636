import { randomUUID } from 'node:crypto';
import { TOPICS, createEnvelope, serializeMessage, type Envelope } from '@alpes/contracts';
import type { Bus } from '@alpes/messaging';

export function comisionSnapshot(overrides: Partial<Record<'id' | 'afiliadoId' | 'campanaId', string>> = {}) {
  return {
    id: randomUUID(),
    conversionId: randomUUID(),
    afiliadoId: randomUUID(),
    campanaId: randomUUID(),
    montoBase: '100.00',
    porcentaje: '10.00',
    monto: '10.00',
    moneda: 'EUR',
    estado: 'CALCULADA' as const,
    motivo: null,
    ...overrides,
  };
}

export async function publish(bus: Bus, topic: string, envelope: Envelope): Promise<string> {
  return (await bus.publish(topic, { key: envelope.key, body: serializeMessage(envelope) })).messageId;
}

export function comisionCalculada(snapshot = comisionSnapshot()) {
  return createEnvelope('ComisionCalculada', snapshot.id, { comision: snapshot }, { correlationId: randomUUID() });
}

export const COMISIONES = TOPICS.comisionesEventos;

export async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
