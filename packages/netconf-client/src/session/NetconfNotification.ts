import { NETCONF_NOTIFICATION_NS } from '../xml/namespaces';
import { childText, type XmlElement } from '../xml/XmlElement';

/** One RFC 5277 notification: its eventTime and the event element(s) that follow it. */
export interface NetconfNotification {
  eventTime: string;
  /** The event content (everything in the notification but eventTime). */
  events: XmlElement[];
  xml: string;
  root: XmlElement;
}

export function toNotification(xml: string, root: XmlElement): NetconfNotification {
  return {
    eventTime: childText(root, 'eventTime', NETCONF_NOTIFICATION_NS) ?? '',
    events: root.children.filter((c) => !(c.local === 'eventTime' && c.ns === NETCONF_NOTIFICATION_NS)),
    xml,
    root,
  };
}
