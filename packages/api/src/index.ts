export { createApiServer, type ApiServerOptions, DEFAULT_BODY_LIMIT, DEFAULT_MAX_IN_FLIGHT } from './server/createApiServer';
export { startApiServer, isLoopback, type ListenOptions, type RunningApi } from './server/startApiServer';
export { TokenTable, parseTokens, loadTokens, ROLES, MIN_TOKEN_LENGTH, type Role } from './server/tokens';
export { problem, problemOf, type Problem } from './server/problem';
export { ApiMetrics } from './metrics/ApiMetrics';
export type { NetworkContext, LiveState } from './network/NetworkContext';
export { checkIntent, validateForSubmit, type CheckContext } from './network/checkIntent';
export { whatIfPath, type PathQuery, type PathAnswer } from './network/whatIfPath';
export { SHARED_SCHEMAS } from './schemas';
