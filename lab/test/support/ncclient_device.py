"""Drives a milli mock device with Debian's python3-ncclient and prints one JSON object of observations.

Usage: ncclient_device.py PORT SSH_CONFIG BASE   (BASE is 1.0 or 1.1)
SSH_CONFIG names a UserKnownHostsFile holding the device's host key: the key is verified, not ignored.
"""
import json
import sys
import time

from ncclient import manager
from ncclient.devices.default import DefaultDeviceHandler
from ncclient.operations.rpc import RPCError
from ncclient.transport.session import NetconfBase

port, ssh_config, base = int(sys.argv[1]), sys.argv[2], sys.argv[3]


class Base10Only(DefaultDeviceHandler):
    """ncclient appends nc_params capabilities to its own; to offer base:1.0 alone, replace the list."""

    def get_capabilities(self):
        return [c for c in super().get_capabilities() if c != 'urn:ietf:params:netconf:base:1.1']


def connect():
    device_params = {'handler': Base10Only} if base == '1.0' else {'name': 'default'}
    return manager.connect(host='127.0.0.1', port=port, username='lab', password='lab-secret', hostkey_verify=True,
                           ssh_config=ssh_config, allow_agent=False, look_for_keys=False,
                           device_params=device_params, timeout=6)


NC = 'urn:ietf:params:xml:ns:netconf:base:1.0'


def channel(name, number, power=None):
    extra = '' if power is None else '<target-power-dbm>%s</target-power-dbm>' % power
    # with the channel-use entries of its two ends (milli-roadm's index of channel uses), which the device requires
    uses = ''.join('<channel-use><port>%s</port><channel>%d</channel><media-channel>%s</media-channel></channel-use>'
                   % (port, number, name) for port in ('deg-1', 'deg-2'))
    return ('<config xmlns="%s"><roadm xmlns="urn:milli:yang:milli-roadm"><media-channels><media-channel>'
            '<name>%s</name><channel>%d</channel><from>deg-1</from><to>deg-2</to>%s</media-channel>'
            '</media-channels><channel-uses>%s</channel-uses></roadm></config>') % (NC, name, number, extra, uses)


def rpc_error(fn):
    try:
        fn()
    except RPCError as err:
        return {'tag': err.tag, 'type': err.type, 'path': err.path, 'message': err.message, 'info': err.info}
    return None


out = {}
m1 = connect()
out['framing'] = '1.1' if m1._session._base == NetconfBase.BASE_11 else '1.0'
out['session_id'] = m1.session_id
out['capabilities'] = sorted(m1.server_capabilities)
out['running_has_deg1'] = '<name>deg-1</name>' in m1.get_config('running').data_xml
out['edit_ok'] = m1.edit_config(target='candidate', config=channel('py-%s' % base, 36 if base == '1.1' else 37)).ok
out['validate_ok'] = m1.validate(source='candidate').ok
out['commit_ok'] = m1.commit().ok
out['committed'] = 'py-%s' % base in m1.get_config('running').data_xml

# The confirmed commit goes first so that its timeout runs while the other checks do.
m1.edit_config(target='candidate', config=channel('confirm-%s' % base, 50 if base == '1.1' else 51))
out['confirmed_ok'] = m1.commit(confirmed=True, timeout='1').ok
confirmed_at = time.monotonic()
out['during_confirm'] = 'confirm-%s' % base in m1.get_config('running').data_xml

m2 = connect()
out['lock_ok'] = m1.lock('candidate').ok
out['lock_conflict'] = rpc_error(lambda: m2.lock('candidate'))
out['m1_session'] = m1.session_id
out['unlock_ok'] = m1.unlock('candidate').ok

out['range_error'] = rpc_error(lambda: m1.edit_config(target='candidate', config=channel('bad', 40, '42')))

time.sleep(max(0.0, confirmed_at + 1.4 - time.monotonic()))
out['after_timeout'] = 'confirm-%s' % base in m1.get_config('running').data_xml

m2.close_session()
m1.close_session()
print(json.dumps(out))
