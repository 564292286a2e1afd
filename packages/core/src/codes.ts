/**
 * Every stable error code milli raises, in one place. Codes never change meaning once published:
 * API clients, the store and the docs key on them. Group prefixes name the layer that raises them.
 * `retryable` says whether the failure may pass on its own (architecture rule 7: the error type decides retries);
 * `meaning` says what the failure is to a caller, and so decides the exit status and the HTTP status (errorPolicy.ts).
 */

/**
 * What a failure means to whoever asked:
 * - `usage`: the call itself is wrong (a flag, an argument out of range); fix the call.
 * - `invalid-input`: a file, intent or request is malformed or wrong for the network; fix the input.
 * - `not-found`: something named does not exist.
 * - `conflict`: it collides with what exists (a booked resource, an existing item).
 * - `refused`: the network or a device said no (no path, commit rejected, rpc-error, bad credentials).
 * - `unavailable`: something did not answer or is missing on this machine; trying again later may work.
 * - `unauthenticated`: the caller did not say who it is (no valid API token).
 * - `forbidden`: the caller is known but its role may not do this (a viewer writing).
 * - `too-large`: the request is bigger than the limit; send less.
 * - `overloaded`: too much is in flight right now; try again shortly.
 * - `internal`: a bug in milli.
 */
export type CallerMeaning =
  | 'usage'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'refused'
  | 'unavailable'
  | 'unauthenticated'
  | 'forbidden'
  | 'too-large'
  | 'overloaded'
  | 'internal';

export const ErrorCodes = {
  // core
  INVALID_ARGUMENT: { retryable: false, meaning: 'usage', summary: 'an argument is malformed or out of range' },
  INVALID_UNIT: { retryable: false, meaning: 'usage', summary: 'a quantity with a unit could not be parsed' },
  INTERNAL: { retryable: false, meaning: 'internal', summary: 'a bug: an invariant did not hold' },
  FILE_NOT_FOUND: { retryable: false, meaning: 'not-found', summary: 'a file (or the directory to write it in) does not exist' },
  FILE_UNREADABLE: { retryable: false, meaning: 'invalid-input', summary: 'a file is a directory or cannot be read' },
  FILE_TOO_LARGE: { retryable: false, meaning: 'invalid-input', summary: 'a file is larger than the limit its command allows' },
  FILE_WRITE: { retryable: false, meaning: 'unavailable', summary: 'a file could not be written (permission, space)' },
  // yang-ts
  YANG_LIBRARY_MISSING: { retryable: false, meaning: 'unavailable', summary: 'libyang.so.2 could not be loaded' },
  YANG_CONTEXT: { retryable: false, meaning: 'invalid-input', summary: 'a YANG module or search dir could not be loaded' },
  YANG_PARSE: { retryable: false, meaning: 'invalid-input', summary: 'instance data could not be parsed' },
  YANG_VALIDATION: { retryable: false, meaning: 'invalid-input', summary: 'instance data failed validation against the modules' },
  YANG_NOT_FOUND: { retryable: false, meaning: 'not-found', summary: 'a data node or schema node was not found' },
  YANG_DISPOSED: { retryable: false, meaning: 'internal', summary: 'a context or tree was used after dispose' },
  // netconf-client
  NETCONF_CONNECT: { retryable: true, meaning: 'unavailable', summary: 'the SSH connection could not be made' },
  NETCONF_AUTH: { retryable: false, meaning: 'refused', summary: 'the device refused our credentials' },
  NETCONF_HOST_KEY: { retryable: false, meaning: 'refused', summary: 'the host key did not match the pinned key' },
  NETCONF_TIMEOUT: { retryable: true, meaning: 'unavailable', summary: 'a connect, hello or RPC timed out' },
  NETCONF_CLOSED: { retryable: true, meaning: 'unavailable', summary: 'the session closed while a request was outstanding' },
  NETCONF_FRAMING: { retryable: false, meaning: 'refused', summary: 'the peer sent a malformed frame' },
  NETCONF_MESSAGE_TOO_LARGE: { retryable: false, meaning: 'refused', summary: 'a message exceeded the maximum size' },
  NETCONF_XML: { retryable: false, meaning: 'refused', summary: 'the peer sent XML we refuse (malformed, DTD, entities)' },
  NETCONF_RPC_ERROR: { retryable: false, meaning: 'refused', summary: 'the device answered with rpc-error' },
  NETCONF_HELLO: {
    retryable: false,
    meaning: 'refused',
    summary: 'the peer hello was missing, malformed, or shares no base version with ours',
  },
  // topology
  TOPOLOGY_INVALID: {
    retryable: false,
    meaning: 'invalid-input',
    summary: 'a topology file has problems; each is listed with its location',
  },
  TOPOLOGY_IMPORT: { retryable: false, meaning: 'invalid-input', summary: 'a public dataset could not be imported' },
  TOPOLOGY_NOT_FOUND: { retryable: false, meaning: 'not-found', summary: 'a site, device, port or fibre id is unknown' },
  // indicators
  REPORT_INPUT: {
    retryable: false,
    meaning: 'invalid-input',
    summary: 'an indicators report input (candidates, live records, a format or option) is malformed; the message names where',
  },
  REPORT_SOURCE: {
    retryable: true,
    meaning: 'unavailable',
    summary: 'the controller API a report reads did not answer, or answered with an error',
  },
  // lab
  LAB_STATE: { retryable: false, meaning: 'invalid-input', summary: 'the lab state dir is missing or inconsistent' },
  LAB_START: { retryable: true, meaning: 'unavailable', summary: 'a lab device did not start' },
  LAB_NETNS: { retryable: false, meaning: 'unavailable', summary: 'network namespaces are not available' },
  // drivers
  DRIVER_NOT_FOUND: { retryable: false, meaning: 'not-found', summary: 'no driver is registered for the device' },
  DRIVER_VERB: { retryable: false, meaning: 'invalid-input', summary: 'a driver verb was given arguments the device cannot take' },
  DRIVER_DEVICE: { retryable: true, meaning: 'unavailable', summary: 'the device failed an operation' },
  DRIVER_COMMIT_REJECTED: { retryable: false, meaning: 'refused', summary: 'the device rejected the commit' },
  DRIVER_VALIDATION: {
    retryable: false,
    meaning: 'invalid-input',
    summary: 'a change set failed local YANG validation against the device modules',
  },
  DRIVER_CONFLICT: { retryable: false, meaning: 'conflict', summary: 'a change set creates what exists or deletes what does not' },
  DRIVER_STATE: { retryable: false, meaning: 'internal', summary: 'a change-set step was called out of order' },
  DRIVER_UNREACHABLE: { retryable: true, meaning: 'unavailable', summary: 'the device did not answer (connect, keepalive or pool closed)' },
  // pce
  PCE_NO_ROUTE: { retryable: false, meaning: 'refused', summary: 'no route joins the endpoints' },
  PCE_LATENCY_BOUND: { retryable: false, meaning: 'refused', summary: 'every route exceeds the latency bound' },
  PCE_NO_SPECTRUM: { retryable: false, meaning: 'refused', summary: 'no channel is free end to end' },
  PCE_NO_CAPACITY: { retryable: false, meaning: 'refused', summary: 'links lack the bandwidth asked for' },
  PCE_NO_DISJOINT_PAIR: { retryable: false, meaning: 'refused', summary: 'no disjoint working/protection pair meets the request' },
  PCE_BAD_REQUEST: { retryable: false, meaning: 'invalid-input', summary: 'the path request is malformed' },
  // resources
  RESOURCE_CONFLICT: {
    retryable: false,
    meaning: 'conflict',
    summary: 'a reservation would double-book a channel, port, slot or bandwidth',
  },
  RESOURCE_NOT_FOUND: { retryable: false, meaning: 'not-found', summary: 'a reservation or OTU link id is unknown' },
  RESOURCE_INVALID: { retryable: false, meaning: 'invalid-input', summary: 'a reservation item or time window is malformed' },
  RESOURCE_IN_USE: { retryable: false, meaning: 'conflict', summary: 'an OTU link cannot be released while other reservations use it' },
  // installer
  INSTALL_NO_PORT: { retryable: false, meaning: 'refused', summary: 'an end of a line has no free client or add/drop port for it' },
  INSTALL_NO_CAPACITY: { retryable: false, meaning: 'refused', summary: 'the ODUs on a line cannot hold the bandwidth asked for' },
  INSTALL_FAILED: {
    retryable: true,
    meaning: 'refused',
    summary: "a line's network-wide transaction failed (a device refused, or the read-back differed) and was rolled back",
  },
  INSTALL_UNSUPPORTED: { retryable: false, meaning: 'invalid-input', summary: 'the change asked for does not apply to this line' },
  // intent
  INTENT_SYNTAX: { retryable: false, meaning: 'invalid-input', summary: 'intent text does not follow the grammar' },
  INTENT_INVALID: { retryable: false, meaning: 'invalid-input', summary: 'intent is well-formed but wrong for the network' },
  INTENT_UNKNOWN_KIND: { retryable: false, meaning: 'invalid-input', summary: 'no compiler is registered for the intent kind' },
  INTENT_SCHEMA: { retryable: false, meaning: 'invalid-input', summary: 'intent JSON does not match the published intent schema' },
  // controller
  CONTROLLER_NOT_FOUND: { retryable: false, meaning: 'not-found', summary: 'an intent or line id is unknown to the controller' },
  CONTROLLER_STATE: { retryable: false, meaning: 'conflict', summary: 'the intent or line is in a state that does not allow the request' },
  CONTROLLER_STOPPED: { retryable: true, meaning: 'unavailable', summary: 'the controller is not serving (not started, or stopping)' },
  CONTROLLER_TRANSACTION_FAILED: { retryable: false, meaning: 'refused', summary: 'a network-wide transaction failed and was rolled back' },
  CONTROLLER_WINDOW_MISSED: {
    retryable: false,
    meaning: 'refused',
    summary: "an intent's time window ended before it could be provisioned",
  },
  CONTROLLER_MOVE_INTERRUPTED: {
    retryable: true,
    meaning: 'unavailable',
    summary: "a line's restoration was cut short by a restart before its transaction began; it is evaluated again",
  },
  CONTROLLER_DATA_EXPRESS_UNFIT: {
    retryable: false,
    meaning: 'refused',
    summary: 'a data-express volume does not fit its window at the reserved rate',
  },
  // store
  STORE_SCHEMA_NEWER: {
    retryable: false,
    meaning: 'invalid-input',
    summary: 'the store was written by a newer milli; this version cannot read it',
  },
  STORE_FAILED: { retryable: true, meaning: 'unavailable', summary: 'the store could not be read or written' },
  // api
  API_UNAUTHENTICATED: { retryable: false, meaning: 'unauthenticated', summary: 'the request carries no valid bearer token' },
  API_FORBIDDEN: { retryable: false, meaning: 'forbidden', summary: "the token's role may not do this (a viewer writing)" },
  API_BAD_REQUEST: { retryable: false, meaning: 'usage', summary: 'the request is malformed: body, query, path parameter or header' },
  API_NOT_FOUND: { retryable: false, meaning: 'not-found', summary: 'no such route, intent or line' },
  API_TOO_LARGE: { retryable: false, meaning: 'too-large', summary: 'the request body is over the size limit' },
  API_OVERLOADED: { retryable: true, meaning: 'overloaded', summary: 'too many requests are in flight; retry after the given delay' },
  API_NOT_READY: { retryable: true, meaning: 'unavailable', summary: 'the controller has not finished recovery yet' },
  API_NO_ALARMS: { retryable: false, meaning: 'unavailable', summary: 'this server does not watch devices, so it keeps no alarms' },
  API_UNREACHABLE: { retryable: true, meaning: 'unavailable', summary: 'the milli API did not answer' },
} as const satisfies Record<string, { retryable: boolean; meaning: CallerMeaning; summary: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

export function isRetryableCode(code: ErrorCode): boolean {
  return ErrorCodes[code].retryable;
}

export function meaningOf(code: ErrorCode): CallerMeaning {
  return ErrorCodes[code].meaning;
}
