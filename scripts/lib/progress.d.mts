export interface PhaseHandle {
  done(detail?: string): void;
  failed(detail?: string): void;
}
export function startPhase(prefix: string, label: string): PhaseHandle;
export function phase<T>(prefix: string, label: string, work: () => Promise<T>, describe?: (result: T) => string | undefined): Promise<T>;
