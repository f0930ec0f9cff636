/** Topic names, as the seed system named them. On Pulsar they live in persistent://<tenant>/<namespace>/<name>. */
export const TOPICS = {
  campanasComandos: 'marketing.campanas.comandos',
  comisionesComandos: 'marketing.comisiones.comandos',
  afiliadosComandos: 'afiliados.comandos',
  conversionesComandos: 'conversiones.comandos',
  marketingEventos: 'marketing.eventos',
  comisionesEventos: 'marketing.comisiones.eventos',
  afiliadosEventos: 'afiliados.eventos',
  conversionesEventos: 'conversiones.eventos',
  /** Outcome of every command: ComandoCompletado / ComandoRechazado. */
  resultadosComandos: 'comandos.resultados',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const COMMAND_TOPICS = [TOPICS.campanasComandos, TOPICS.comisionesComandos, TOPICS.afiliadosComandos, TOPICS.conversionesComandos] as const;
export const EVENT_TOPICS = [TOPICS.marketingEventos, TOPICS.comisionesEventos, TOPICS.afiliadosEventos, TOPICS.conversionesEventos] as const;

/**
 * Topics no key-shared subscription reads (the gateway's readers and clients' subscriptions only), so a Pulsar
 * producer may batch them: a batch of mixed keys is routed by its first key, which would break key-shared routing.
 * The command topics, afiliados.eventos and conversiones.eventos feed key-shared workers and are never batched.
 */
export const BATCHABLE_TOPICS: readonly TopicName[] = [TOPICS.marketingEventos, TOPICS.comisionesEventos, TOPICS.resultadosComandos];
