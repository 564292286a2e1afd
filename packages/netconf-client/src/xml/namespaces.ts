export const NETCONF_BASE_NS = 'urn:ietf:params:xml:ns:netconf:base:1.0';
export const NETCONF_NOTIFICATION_NS = 'urn:ietf:params:xml:ns:netconf:notification:1.0';
export const NETCONF_MONITORING_NS = 'urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring';
export const YANG_LIBRARY_NS = 'urn:ietf:params:xml:ns:yang:ietf-yang-library';
