#!/usr/bin/env tsx
// The `milli` command. Everything it mounts lives in packages/cli/src; this file only runs it.
import { buildProgram, runProgram } from '../src/index';

const status = await runProgram(buildProgram(), process.argv);
// Done means done: whatever a failed command left open (a session closing politely, a pool's sockets) must not
// keep the process alive once its result or error is printed. stdout and stderr are synchronous on pipes and files.
process.exit(status);
