import { iso } from '../validate/quantities';
import type { ReleaseIntent } from '../intent';
import type { IntentCompiler } from './Compilation';
import { currentRequests } from './elasticCompiler';

/** Taking a line down: nothing to compute, everything it holds (including an open elastic window) is freed at `at`. */
export const releaseCompiler: IntentCompiler<'release'> = {
  kind: 'release',
  compile(intent: ReleaseIntent, context, previous) {
    currentRequests(intent.line, previous, 'release', context);
    const releases = previous!.pathRequests.map(({ window: _window, ...rest }) => rest);
    return {
      kind: 'release',
      action: 'delete',
      line: intent.line,
      pathRequests: [],
      windows: [{ start: intent.at, end: null }],
      sla: null,
      releases,
      explain: [`free ${releases.length} path request(s) of line ${intent.line} at ${iso(intent.at)}`],
    };
  },
};
