/**
 * A business rule refused the command: the state is left untouched and ComandoRechazado is published, its `motivo`
 * being this `reason` (machinery names are English; the published contract keeps the API's Spanish).
 */
export class CommandRejected extends Error {
  override name = 'CommandRejected';

  constructor(
    readonly reason: string,
    readonly entityId: string | null = null,
  ) {
    super(reason);
  }
}

/**
 * The command cannot be applied YET (e.g. marketing has not seen the affiliate's AfiliadoRegistrado): it is
 * redelivered later, and rejected with this reason once its retries are spent.
 */
export class RetryLater extends Error {
  override name = 'RetryLater';

  constructor(
    readonly reason: string,
    readonly entityId: string | null = null,
  ) {
    super(reason);
  }
}
