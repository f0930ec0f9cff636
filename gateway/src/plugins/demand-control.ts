// What other packages use of the gateway's demand control without starting a gateway: `npm run schema:check` costs
// the client operations with it (@alpes/gateway/demand-control).
export { readCostDirectives, type CostDirectives, type ListSize } from './cost-directives.js';
export { DEFAULT_LIST_SIZE, estimateCost, type CostEstimateInput } from './cost-estimate.js';
export { DEFAULT_OPERATION_LIMITS } from './limit-errors.js';
