// One booked-ledger scenario of bench:pce in a process of its own (pceBooked.ts): prints one JSON line per request.
// Usage: pceBookedRun SCENARIO new|plain — `plain` is the search without reach bounds (the baseline).
import { type BookedLine, runBooked, SCENARIOS, type Scenario } from './pceBooked';

const [scenario, mode] = process.argv.slice(2);
if (!SCENARIOS.includes(scenario as Scenario) || (mode !== 'new' && mode !== 'plain')) {
  console.error(`usage: pceBookedRun ${SCENARIOS.join('|')} new|plain`);
  process.exit(2);
}
runBooked(scenario as Scenario, mode === 'plain' ? { reachBoundsAfter: Number.POSITIVE_INFINITY } : {}, (line: BookedLine) =>
  console.log(JSON.stringify(line)),
);
