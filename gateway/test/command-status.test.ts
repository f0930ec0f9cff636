import { randomUUID } from 'node:crypto';
import { TOPICS, createEnvelope } from '@alpes/contracts';
import { MemoryBus } from '@alpes/messaging';
import { createLogger } from '@alpes/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandStatusTracker, type EstadoComando } from '../src/subscriptions/command-status.js';
import { publish, until } from './support/envelopes.js';
import { TEST_ACTOR } from '@alpes/testing';

let bus: MemoryBus;
let tracker: CommandStatusTracker | undefined;

beforeEach(() => {
  bus = new MemoryBus();
});
afterEach(async () => {
  await tracker?.close();
  await bus.close();
});

const logger = createLogger('test');

function activarCampana(correlationId: string, campanaId = randomUUID()) {
  return createEnvelope('ActivarCampana', campanaId, { campanaId }, { correlationId, actor: TEST_ACTOR });
}

function completado(correlationId: string, entidadId: string) {
  return createEnvelope('ComandoCompletado', entidadId, { comandoId: randomUUID(), comando: 'ActivarCampana', entidadId }, { correlationId });
}

describe('CommandStatusTracker: command states by correlationId', () => {
  it('knows commands and outcomes published within the window before it started', async () => {
    const correlationId = randomUUID();
    const command = activarCampana(correlationId);
    await publish(bus, TOPICS.campanasComandos, command);
    await publish(bus, TOPICS.resultadosComandos, completado(correlationId, command.key));
    tracker = new CommandStatusTracker(bus, logger, { windowMs: 60_000 });
    await tracker.start();
    await until(() => tracker!.current(correlationId)?.estado === 'COMPLETADO');
    expect(tracker.current(correlationId)).toMatchObject({ comando: 'ActivarCampana', entidadId: command.key, motivo: null });
  });

  it('tells watchers every change: ACEPTADO, then the outcome, which is never downgraded', async () => {
    tracker = new CommandStatusTracker(bus, logger);
    await tracker.start();
    const correlationId = randomUUID();
    const seen: EstadoComando[] = [];
    tracker.watch(correlationId, (state) => seen.push(state));
    const command = activarCampana(correlationId);
    await publish(bus, TOPICS.campanasComandos, command);
    await until(() => seen.length === 1);
    await publish(
      bus,
      TOPICS.resultadosComandos,
      createEnvelope(
        'ComandoRechazado',
        command.key,
        { comandoId: command.id, comando: 'ActivarCampana', entidadId: null, motivo: 'no existe' },
        { correlationId },
      ),
    );
    await until(() => seen.length === 2);
    await publish(bus, TOPICS.campanasComandos, command);
    await publish(bus, TOPICS.resultadosComandos, completado(correlationId, command.key));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen.map((state) => state.estado)).toEqual(['ACEPTADO', 'RECHAZADO']);
    expect(tracker.current(correlationId)).toMatchObject({ estado: 'RECHAZADO', motivo: 'no existe', entidadId: command.key });
  });

  it('keeps an outcome seen before its command, filling in what the command tells', async () => {
    tracker = new CommandStatusTracker(bus, logger);
    const correlationId = randomUUID();
    const command = activarCampana(correlationId);
    tracker.apply(
      createEnvelope('ComandoRechazado', command.key, { comandoId: command.id, comando: 'ActivarCampana', entidadId: null, motivo: 'x' }, { correlationId }),
      TOPICS.resultadosComandos,
    );
    tracker.apply(command, TOPICS.campanasComandos);
    expect(tracker.current(correlationId)).toMatchObject({ estado: 'RECHAZADO', entidadId: command.key });
  });

  it('forgets the least recently updated commands past its capacity', () => {
    tracker = new CommandStatusTracker(bus, logger, { capacity: 2 });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) tracker.apply(activarCampana(id), TOPICS.campanasComandos);
    expect(ids.map((id) => tracker!.current(id)?.estado)).toEqual([undefined, 'ACEPTADO', 'ACEPTADO']);
  });
});
