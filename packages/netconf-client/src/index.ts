export { NetconfError, type NetconfErrorContext, type NetconfErrorCode } from './errors/NetconfError';
export { NetconfRpcError } from './errors/NetconfRpcError';
export {
  type XmlElement,
  type XmlAttribute,
  XMLNS_NS,
  childElement,
  childElements,
  childText,
  attributeValue,
  element,
} from './xml/XmlElement';
export { parseXml, type ParseXmlOptions } from './xml/parseXml';
export { serializeXml } from './xml/serializeXml';
export { escapeXml } from './xml/escapeXml';
export { NETCONF_BASE_NS, NETCONF_NOTIFICATION_NS, NETCONF_MONITORING_NS, YANG_LIBRARY_NS } from './xml/namespaces';
export { type Framing, EOM_MARKER, MAX_CHUNK_SIZE } from './session/Framing';
export { encodeFrame } from './session/encodeFrame';
export { FrameDecoder, type FrameDecoderOptions } from './session/FrameDecoder';
export {
  Capabilities,
  type CapabilitySet,
  type ModuleCapability,
  parseCapabilities,
  parseModuleCapability,
  hasCapability,
  capabilityBase,
} from './session/capabilities';
export type { RpcError } from './client/RpcError';
export { parseRpcErrors } from './client/parseRpcErrors';
export { buildHello, parseHello, negotiateFraming, type Hello } from './session/hello';
export { RpcReply } from './session/RpcReply';
export { type NetconfNotification, toNotification } from './session/NetconfNotification';
export { NetconfSession, type SessionOptions, type RpcOptions } from './session/NetconfSession';
export type { Transport } from './transport/Transport';
export { connectSsh, SshTransport, type SshTransportOptions } from './transport/SshTransport';
export {
  parseKnownHosts,
  knownHostName,
  sha256Fingerprint,
  verifyAgainstKnownHosts,
  verifyAgainstFingerprint,
  type KnownHostEntry,
  type HostKeyVerdict,
} from './transport/knownHosts';
export { NetconfClient, type NetconfClientOptions, type Subscription } from './client/NetconfClient';
export { throwIfRpcError } from './client/throwIfRpcError';
export type {
  Datastore,
  ConfigSource,
  ConfigTarget,
  Filter,
  EditConfigOptions,
  CommitOptions,
  SubscriptionOptions,
} from './client/operationTypes';
export {
  buildGet,
  buildGetConfig,
  buildEditConfig,
  buildCopyConfig,
  buildDeleteConfig,
  buildLock,
  buildValidate,
  buildCommit,
  buildCancelCommit,
  buildDiscardChanges,
  buildKillSession,
  buildGetSchema,
  buildCreateSubscription,
  buildFilter,
} from './client/buildOperations';
export { parseYangLibrary } from './session/parseYangLibrary';
