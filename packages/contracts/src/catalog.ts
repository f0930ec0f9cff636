import type { z } from 'zod';
import * as afiliadosCommands from './commands/afiliados-commands.js';
import * as conversionesCommands from './commands/conversiones-commands.js';
import * as marketingCommands from './commands/marketing-commands.js';
import * as events from './events/domain-events.js';
import { currentVersion, type MessageCatalog, type MessageDefinition, type ReceivedPayloadIn } from './message-definition.js';
import { COMMAND_TOPICS, TOPICS, type TopicName } from './topics.js';

/**
 * Every message type: its topic, its ordering key and its payload schema (per version, see MessageDefinition).
 * The single source of truth for producers and consumers; `npm run contracts:write` publishes it as
 * schema/asyncapi.yaml.
 */
export const MESSAGE_CATALOG = {
  CrearCampana: { topic: TOPICS.campanasComandos, key: 'payload.campanaId', schema: marketingCommands.CrearCampana },
  ActivarCampana: { topic: TOPICS.campanasComandos, key: 'payload.campanaId', schema: marketingCommands.ActivarCampana },
  PausarCampana: { topic: TOPICS.campanasComandos, key: 'payload.campanaId', schema: marketingCommands.PausarCampana },
  FinalizarCampana: { topic: TOPICS.campanasComandos, key: 'payload.campanaId', schema: marketingCommands.FinalizarCampana },
  AsignarAfiliado: { topic: TOPICS.campanasComandos, key: 'payload.campanaId', schema: marketingCommands.AsignarAfiliado },
  AprobarComision: { topic: TOPICS.comisionesComandos, key: 'payload.comisionId', schema: marketingCommands.AprobarComision },
  PagarComision: { topic: TOPICS.comisionesComandos, key: 'payload.comisionId', schema: marketingCommands.PagarComision },
  RechazarComision: { topic: TOPICS.comisionesComandos, key: 'payload.comisionId', schema: marketingCommands.RechazarComision },
  RegistrarAfiliado: { topic: TOPICS.afiliadosComandos, key: 'payload.afiliadoId', schema: afiliadosCommands.RegistrarAfiliado },
  ActualizarAfiliado: { topic: TOPICS.afiliadosComandos, key: 'payload.afiliadoId', schema: afiliadosCommands.ActualizarAfiliado },
  RegistrarConversion: { topic: TOPICS.conversionesComandos, key: 'payload.conversionId', schema: conversionesCommands.RegistrarConversion },

  CampanaCreada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: events.CampanaCreada },
  CampanaActivada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: events.CampanaActivada },
  CampanaPausada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: events.CampanaPausada },
  CampanaFinalizada: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: events.CampanaFinalizada },
  AfiliadoAsignado: { topic: TOPICS.marketingEventos, key: 'payload.campana.id', schema: events.AfiliadoAsignado },
  ComisionCalculada: { topic: TOPICS.comisionesEventos, key: 'payload.comision.id', schema: events.ComisionCalculada },
  ComisionAprobada: { topic: TOPICS.comisionesEventos, key: 'payload.comision.id', schema: events.ComisionAprobada },
  ComisionPagada: { topic: TOPICS.comisionesEventos, key: 'payload.comision.id', schema: events.ComisionPagada },
  ComisionRechazada: { topic: TOPICS.comisionesEventos, key: 'payload.comision.id', schema: events.ComisionRechazada },
  AfiliadoRegistrado: { topic: TOPICS.afiliadosEventos, key: 'payload.afiliado.id', schema: events.AfiliadoRegistrado },
  AfiliadoActualizado: { topic: TOPICS.afiliadosEventos, key: 'payload.afiliado.id', schema: events.AfiliadoActualizado },
  ConversionRegistrada: { topic: TOPICS.conversionesEventos, key: 'payload.conversion.id', schema: events.ConversionRegistrada },
  ComandoCompletado: { topic: TOPICS.resultadosComandos, key: 'correlationId', schema: events.ComandoCompletado },
  ComandoRechazado: { topic: TOPICS.resultadosComandos, key: 'correlationId', schema: events.ComandoRechazado },
} as const satisfies MessageCatalog;

export type MessageType = keyof typeof MESSAGE_CATALOG;
/** The payload producers write: the current version's. */
export type PayloadOf<Type extends MessageType> = z.infer<(typeof MESSAGE_CATALOG)[Type]['schema']>;
/** The payload consumers may receive: any accepted version's, so a handler must deal with each. */
export type ReceivedPayloadOf<Type extends MessageType> = ReceivedPayloadIn<typeof MESSAGE_CATALOG, Type>;

export function topicOf(type: MessageType): TopicName {
  return MESSAGE_CATALOG[type].topic;
}

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(MESSAGE_CATALOG, type);
}

/** The version producers of this type write now. */
export function currentVersionOf(type: MessageType): number {
  const definition: MessageDefinition = MESSAGE_CATALOG[type];
  return currentVersion(definition);
}

type CommandTopic = (typeof COMMAND_TOPICS)[number];

/** The message types that are commands (published on a command topic): each carries its actor. */
export type CommandType = { [T in MessageType]: (typeof MESSAGE_CATALOG)[T]['topic'] extends CommandTopic ? T : never }[MessageType];

export function isCommandType(type: string): type is CommandType {
  return isMessageType(type) && (COMMAND_TOPICS as readonly string[]).includes(MESSAGE_CATALOG[type].topic);
}
