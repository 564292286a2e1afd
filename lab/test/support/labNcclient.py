# Reads a lab device's running config with Debian's python3-ncclient, the way an operator's script would:
# password from the lab's credentials file, host key verified before authenticating, through the lab's ssh_config
# (which points at its known_hosts), and checked once more against the inventory's fingerprint.
import base64
import hashlib
import json
import os
import sys

from ncclient import manager

inventory_path, credentials_path, device = sys.argv[1:4]
entry = next(d for d in json.load(open(inventory_path))['devices'] if d['device'] == device)
password = json.load(open(credentials_path))['password']
ssh_config = os.path.join(os.path.dirname(inventory_path), 'ssh_config')

with manager.connect(host=entry['address'], port=entry['port'], username=entry['username'], password=password,
                     hostkey_verify=True, ssh_config=ssh_config, allow_agent=False, look_for_keys=False, timeout=15,
                     device_params={'name': 'default'}) as m:
    key = m._session._transport.get_remote_server_key()
    fingerprint = 'SHA256:' + base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip('=')
    if fingerprint != entry['hostKeyFingerprint']:
        sys.exit('host key mismatch: %s != %s' % (fingerprint, entry['hostKeyFingerprint']))
    print(m.get_config('running').data_xml)
