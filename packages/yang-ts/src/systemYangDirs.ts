import { existsSync } from 'node:fs';

/**
 * Where Debian 12 keeps standard IETF modules. libyang2 builds ietf-yang-library, ietf-datastores, ietf-inet-types
 * and ietf-yang-types into every context (copies in /usr/share/yang/modules/libyang); ietf-netconf,
 * ietf-netconf-monitoring, ietf-netconf-with-defaults and ietf-netconf-notifications come with libyuma-base
 * (a dependency of netconfd and yangcli).
 */
export const SYSTEM_YANG_DIRS = ['/usr/share/yuma/modules/ietf', '/usr/share/yang/modules'] as const;

export function systemYangDirs(): string[] {
  return SYSTEM_YANG_DIRS.filter((dir) => existsSync(dir));
}
