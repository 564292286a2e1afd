import { NetconfClient, type NetconfNotification } from '@milli/netconf-client';
import type { Observable } from 'rxjs';
import type { DeviceCredentials, InventoryEntry } from '@milli/topology';
import { DriverError } from '../contract/DriverError';
import type { NetconfOps } from '../contract/netconf';
import { type DeviceHello, type DeviceSession, modulesFromCapabilities } from '../contract/session';
import { descend, parseDataXml, text } from '../changeset/stateXml';
import { entryConnectOptions } from './entryConnectOptions';
import { netconfClientOps } from './netconfClientOps';

const IDENTITY_FILTER = '<device xmlns="urn:milli:yang:milli-device"><identity><vendor/><model/></identity></device>';

async function readIdentity(ops: NetconfOps): Promise<{ vendor?: string; model?: string }> {
  const reply = await ops.get(IDENTITY_FILTER);
  if (!reply.ok) return {};
  const identity = descend(parseDataXml(reply.data), 'device', 'identity');
  const vendor = identity && text(identity, 'vendor');
  const model = identity && text(identity, 'model');
  return { ...(vendor ? { vendor } : {}), ...(model ? { model } : {}) };
}

export interface SessionTimeouts {
  connectTimeoutMs?: number;
  rpcTimeoutMs?: number;
  /** SSH-level keepalive; the pool adds a NETCONF-level probe on top. */
  sshKeepaliveMs?: number;
  /**
   * Read vendor and model from milli-device's identity at connect (one small `<get>`), so plugins can match on
   * them (default true). Discovery turns it off: it reads the identity in its one `<get>` anyway.
   */
  readIdentity?: boolean;
}

/**
 * A NETCONF session to one inventory entry, the host key pinned to the entry's fingerprint (never accepted
 * blindly). Vendor and model come from the inventory until the device's identity is read.
 */
export class NetconfDeviceSession implements DeviceSession {
  readonly device: string;
  /** RPCs sent while connecting (the identity read), so the pool's RPC count is complete. */
  connectRpcs = 0;
  private client: NetconfClient | undefined;
  private said: DeviceHello | undefined;
  private operations: NetconfOps | undefined;

  constructor(
    private readonly entry: InventoryEntry,
    private readonly credentials: DeviceCredentials,
    private readonly timeouts: SessionTimeouts = {},
  ) {
    this.device = entry.device;
  }

  async connect(): Promise<DeviceHello> {
    const { entry, credentials, timeouts } = this;
    const client = await NetconfClient.connect({
      ...entryConnectOptions(entry, credentials),
      connectTimeoutMs: timeouts.connectTimeoutMs ?? 10_000,
      rpcTimeoutMs: timeouts.rpcTimeoutMs ?? 30_000,
      keepaliveIntervalMs: timeouts.sshKeepaliveMs ?? 15_000,
    });
    const capabilities = client.capabilities.uris;
    this.client = client;
    this.operations = netconfClientOps(client);
    const modules = modulesFromCapabilities(capabilities);
    // Vendor and model are part of what a device says about itself: read them now so plugins can match on them.
    let identity: { vendor?: string; model?: string } = {};
    if (timeouts.readIdentity !== false && modules.some((m) => m.name === 'milli-device')) {
      this.connectRpcs++;
      identity = await readIdentity(this.operations);
    }
    const model = identity.model ?? entry.model;
    this.said = {
      sessionId: client.sessionId,
      capabilities,
      modules,
      ...(identity.vendor ? { vendor: identity.vendor } : {}),
      ...(model ? { model } : {}),
    };
    return this.said;
  }

  hello(): DeviceHello {
    if (!this.said) throw new DriverError('DRIVER_STATE', `${this.device}: no session yet (connect first)`, { device: this.device });
    return this.said;
  }

  /** The RFC operations on this session (throws DRIVER_STATE before connect). */
  ops(): NetconfOps {
    if (!this.operations) throw new DriverError('DRIVER_STATE', `${this.device}: no session yet (connect first)`, { device: this.device });
    return this.operations;
  }

  /** RFC 5277 create-subscription on this session; its notifications complete when the session closes. */
  async subscribe(): Promise<Observable<NetconfNotification>> {
    if (!this.client) throw new DriverError('DRIVER_STATE', `${this.device}: no session yet (connect first)`, { device: this.device });
    const { reply, notifications } = await this.client.createSubscription();
    if (!reply.ok) {
      throw new DriverError('DRIVER_DEVICE', `${this.device} refused create-subscription`, { device: this.device });
    }
    return notifications;
  }

  get closed(): boolean {
    return this.client === undefined || this.client.session.closed;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.operations = undefined;
    await client?.close();
  }
}
