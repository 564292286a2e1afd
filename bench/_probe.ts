import { YangDeviceSchema, MILLI_MODULES } from '@milli/drivers';
import { busyOsuDevice } from './busyDevice';
const dir = process.argv[2]; const n = Number(process.argv[3] ?? 4000);
const schema = YangDeviceSchema.forModules(MILLI_MODULES, dir);
const base = busyOsuDevice(n / 2, n);
for (let r = 0; r < 2; r++) {
  const t1 = performance.now();
  schema.validateConfig(base, 'x'); const t2 = performance.now();
  console.log(`${dir} n=${n} validateConfig ${(t2 - t1).toFixed(1)} ms`);
}
schema.dispose();
