import sys
from ncclient import manager
port = int(sys.argv[1])
with manager.connect(host='127.0.0.1', port=port, username='lab', password='lab-secret', hostkey_verify=False,
                     device_params={'name': 'default'}, timeout=6, allow_agent=False, look_for_keys=False) as m:
    print(list(m.server_capabilities)[:3])
    print(m.get_config('running'))
    print(m.get(filter=('subtree', '<device xmlns="urn:milli:yang:milli-device"><ports><port><name>deg-1</name></port></ports></device>')))
