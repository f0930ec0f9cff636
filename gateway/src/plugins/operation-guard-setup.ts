import { DEFAULT_LIST_SIZE } from './cost-estimate.js';
import { DEFAULT_OPERATION_LIMITS } from './limit-errors.js';
import { OperationGuard, type OperationGuardSettings } from './operation-guard.js';

/** The gateway's option: limits to override (the rest keep their defaults), or false for none at all. */
export type OperationLimitsOption = Partial<OperationGuardSettings> | false;

export const DEFAULT_GUARD_SETTINGS: OperationGuardSettings = { ...DEFAULT_OPERATION_LIMITS, defaultListSize: DEFAULT_LIST_SIZE };

export function operationGuardOf(option: OperationLimitsOption | undefined): OperationGuard | undefined {
  if (option === false) return undefined;
  return new OperationGuard({ ...DEFAULT_GUARD_SETTINGS, ...option });
}
