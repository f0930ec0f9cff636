import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../src/index.js';
import { contractsWorkspace, coordinates, removeWorkspaces, replace, replaceAll, writeAndCheck } from './support/contracts-workspace.js';

afterAll(removeWorkspaces);

const SNAPSHOTS = 'src/events/snapshots.ts';
const EVENTS = 'src/events/domain-events.ts';
const CAMPANA_EVENTS = ['AfiliadoAsignado', 'CampanaActivada', 'CampanaCreada', 'CampanaFinalizada', 'CampanaPausada'];

describe('breaking changes fail (status breaking, exit 1) naming topic / MessageType.field', () => {
  it('a field removed from CampanaCreada', async () => {
    const root = await contractsWorkspace({
      [EVENTS]: replace(
        'export const CampanaCreada = z.object({ campana: CampanaSnapshot });',
        'export const CampanaCreada = z.object({ campana: CampanaSnapshot.omit({ presupuesto: true }) });',
      ),
    });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('breaking');
    expect(EXIT_CODES[result.status]).toBe(1);
    expect(result.baseSource).toBe('origin/main:schema/asyncapi.yaml');
    expect(result.breaking).toEqual([
      {
        kind: 'FIELD_REMOVED',
        coordinate: 'marketing.eventos / CampanaCreada.campana.presupuesto',
        description: expect.stringContaining('field removed; a breaking change needs a new version of CampanaCreada'),
      },
    ]);
    expect(result.text).toContain('marketing.eventos / CampanaCreada.campana.presupuesto');
    expect(result.markdown).toContain('`marketing.eventos / CampanaCreada.campana.presupuesto`');
  });

  it('a changed type, in a snapshot every campaign event carries', async () => {
    const root = await contractsWorkspace({
      [SNAPSHOTS]: replace('  presupuesto: decimal,\n  porcentajeComision', '  presupuesto: z.number(),\n  porcentajeComision'),
    });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('breaking');
    expect(coordinates(result.breaking)).toEqual(CAMPANA_EVENTS.map((type) => `marketing.eventos / ${type}.campana.presupuesto`));
    expect(result.breaking.map((change) => change.kind)).toEqual(CAMPANA_EVENTS.map(() => 'FIELD_TYPE_CHANGED'));
    expect(result.breaking[0]!.description).toContain('type changed from string to number');
  });

  it('an optional field made required, a required one made optional, a nullable one made non-null', async () => {
    const root = await contractsWorkspace({
      'src/commands/afiliados-commands.ts': replaceAll(
        ['    nombre: z.string().min(1).optional(),', '    nombre: z.string().min(1),'],
        ['  telefono: z.string().nullable(),\n  tipoAfiliacion,', '  telefono: z.string(),\n  tipoAfiliacion,'],
        ['  comisionBase: decimal,\n});', '  comisionBase: decimal.optional(),\n});'],
      ),
    });

    const result = await writeAndCheck(root);

    expect(result.status).toBe('breaking');
    expect(result.breaking.map(({ kind, coordinate }) => `${kind} ${coordinate}`)).toEqual([
      'FIELD_MADE_REQUIRED afiliados.comandos / ActualizarAfiliado.cambios.nombre',
      'FIELD_NULLABILITY_CHANGED afiliados.comandos / RegistrarAfiliado.telefono',
      'FIELD_MADE_OPTIONAL afiliados.comandos / RegistrarAfiliado.comisionBase',
    ]);
  });

  it('a required field added, and an enum value added (consumers on the previous contract reject it)', async () => {
    const root = await contractsWorkspace({
      'src/commands/conversiones-commands.ts': replace(
        '  metadata: z.record(z.string(), z.unknown()),',
        '  metadata: z.record(z.string(), z.unknown()),\n  canal: z.string(),',
      ),
      'src/primitives.ts': replace("z.enum(['VENTA', 'LEAD', 'CLIC'])", "z.enum(['VENTA', 'LEAD', 'CLIC', 'DESCARGA'])"),
    });

    const result = await writeAndCheck(root);

    expect(result.breaking).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'REQUIRED_FIELD_ADDED', coordinate: 'conversiones.comandos / RegistrarConversion.canal' }),
        expect.objectContaining({
          kind: 'FIELD_TYPE_CHANGED',
          coordinate: 'conversiones.comandos / RegistrarConversion.tipo',
          description: expect.stringContaining('enum values changed: added DESCARGA'),
        }),
        expect.objectContaining({ kind: 'FIELD_TYPE_CHANGED', coordinate: 'conversiones.eventos / ConversionRegistrada.conversion.tipo' }),
      ]),
    );
  });

  it('a message type removed, a topic removed', async () => {
    const root = await contractsWorkspace({
      'src/catalog.ts': replaceAll(
        ["  RechazarComision: { topic: TOPICS.comisionesComandos, key: 'payload.comisionId', schema: marketingCommands.RechazarComision },\n", ''],
        ["  ComandoCompletado: { topic: TOPICS.resultadosComandos, key: 'correlationId', schema: events.ComandoCompletado },\n", ''],
        ["  ComandoRechazado: { topic: TOPICS.resultadosComandos, key: 'correlationId', schema: events.ComandoRechazado },\n", ''],
      ),
      'src/topics.ts': replace("  resultadosComandos: 'comandos.resultados',\n", ''),
    });

    const result = await writeAndCheck(root);

    expect(result.breaking.map(({ kind, coordinate }) => `${kind} ${coordinate}`)).toEqual([
      'TOPIC_REMOVED comandos.resultados',
      'MESSAGE_TYPE_REMOVED marketing.comisiones.comandos / RechazarComision',
    ]);
  });

  it('an ordering key changed', async () => {
    const root = await contractsWorkspace({
      'src/catalog.ts': replace(
        "CampanaPausada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id'",
        "CampanaPausada: { topic: TOPICS.marketingEventos, key: 'correlationId'",
      ),
    });

    const result = await writeAndCheck(root);

    expect(result.breaking).toEqual([
      {
        kind: 'ORDERING_KEY_CHANGED',
        coordinate: 'marketing.eventos / CampanaPausada (key)',
        description: expect.stringContaining('from $message.payload#/payload/campana/id to $message.payload#/correlationId'),
      },
    ]);
  });

  it('a required envelope field added is breaking on every topic (* / Envelope.field)', async () => {
    const root = await contractsWorkspace({
      'src/envelope.ts': replace('  key: z.string().min(1),\n  payload', '  key: z.string().min(1),\n  tenant: z.string(),\n  payload'),
    });

    const result = await writeAndCheck(root);

    expect(result.breaking).toEqual([expect.objectContaining({ kind: 'REQUIRED_FIELD_ADDED', coordinate: '* / Envelope.tenant' })]);
  });
});
