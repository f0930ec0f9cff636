/** A business rule refused the command: the state is left untouched and ComandoRechazado is published. */
export class CommandRejected extends Error {
  override name = 'CommandRejected';

  constructor(
    readonly motivo: string,
    readonly entidadId: string | null = null,
  ) {
    super(motivo);
  }
}

/**
 * The command cannot be applied YET (e.g. marketing has not seen the affiliate's AfiliadoRegistrado): it is
 * redelivered later, and rejected with this reason once its retries are spent.
 */
export class RetryLater extends Error {
  override name = 'RetryLater';

  constructor(
    readonly motivo: string,
    readonly entidadId: string | null = null,
  ) {
    super(motivo);
  }
}
