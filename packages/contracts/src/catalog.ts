import type { z } from 'zod';
import * as afiliadosCommands from './commands/afiliados-commands.js';
import * as conversionesCommands from './commands/conversiones-commands.js';
import * as marketingCommands from './commands/marketing-commands.js';
import * as events from './events/domain-events.js';
import { COMMAND_TOPICS, TOPICS, type TopicName } from './topics.js';

/** Every message type: its topic and payload schema. The single source of truth for producers and consumers. */
export const MESSAGE_CATALOG = {
  CrearCampana: { topic: TOPICS.campanasComandos, schema: marketingCommands.CrearCampana },
  ActivarCampana: { topic: TOPICS.campanasComandos, schema: marketingCommands.ActivarCampana },
  PausarCampana: { topic: TOPICS.campanasComandos, schema: marketingCommands.PausarCampana },
  FinalizarCampana: { topic: TOPICS.campanasComandos, schema: marketingCommands.FinalizarCampana },
  AsignarAfiliado: { topic: TOPICS.campanasComandos, schema: marketingCommands.AsignarAfiliado },
  AprobarComision: { topic: TOPICS.comisionesComandos, schema: marketingCommands.AprobarComision },
  PagarComision: { topic: TOPICS.comisionesComandos, schema: marketingCommands.PagarComision },
  RechazarComision: { topic: TOPICS.comisionesComandos, schema: marketingCommands.RechazarComision },
  RegistrarAfiliado: { topic: TOPICS.afiliadosComandos, schema: afiliadosCommands.RegistrarAfiliado },
  ActualizarAfiliado: { topic: TOPICS.afiliadosComandos, schema: afiliadosCommands.ActualizarAfiliado },
  RegistrarConversion: { topic: TOPICS.conversionesComandos, schema: conversionesCommands.RegistrarConversion },

  CampanaCreada: { topic: TOPICS.marketingEventos, schema: events.CampanaCreada },
  CampanaActivada: { topic: TOPICS.marketingEventos, schema: events.CampanaActivada },
  CampanaPausada: { topic: TOPICS.marketingEventos, schema: events.CampanaPausada },
  CampanaFinalizada: { topic: TOPICS.marketingEventos, schema: events.CampanaFinalizada },
  AfiliadoAsignado: { topic: TOPICS.marketingEventos, schema: events.AfiliadoAsignado },
  ComisionCalculada: { topic: TOPICS.comisionesEventos, schema: events.ComisionCalculada },
  ComisionAprobada: { topic: TOPICS.comisionesEventos, schema: events.ComisionAprobada },
  ComisionPagada: { topic: TOPICS.comisionesEventos, schema: events.ComisionPagada },
  ComisionRechazada: { topic: TOPICS.comisionesEventos, schema: events.ComisionRechazada },
  AfiliadoRegistrado: { topic: TOPICS.afiliadosEventos, schema: events.AfiliadoRegistrado },
  AfiliadoActualizado: { topic: TOPICS.afiliadosEventos, schema: events.AfiliadoActualizado },
  ConversionRegistrada: { topic: TOPICS.conversionesEventos, schema: events.ConversionRegistrada },
  ComandoCompletado: { topic: TOPICS.resultadosComandos, schema: events.ComandoCompletado },
  ComandoRechazado: { topic: TOPICS.resultadosComandos, schema: events.ComandoRechazado },
} as const satisfies Record<string, { topic: TopicName; schema: z.ZodType }>;

export type MessageType = keyof typeof MESSAGE_CATALOG;
export type PayloadOf<Type extends MessageType> = z.infer<(typeof MESSAGE_CATALOG)[Type]['schema']>;

export function topicOf(type: MessageType): TopicName {
  return MESSAGE_CATALOG[type].topic;
}

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(MESSAGE_CATALOG, type);
}

type CommandTopic = (typeof COMMAND_TOPICS)[number];

/** The message types that are commands (published on a command topic): each carries its actor. */
export type CommandType = { [T in MessageType]: (typeof MESSAGE_CATALOG)[T]['topic'] extends CommandTopic ? T : never }[MessageType];

export function isCommandType(type: string): type is CommandType {
  return isMessageType(type) && (COMMAND_TOPICS as readonly string[]).includes(MESSAGE_CATALOG[type].topic);
}
