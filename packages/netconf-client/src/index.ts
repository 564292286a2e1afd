export { NetconfError, type NetconfErrorContext } from './errors/NetconfError';
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
