#!/usr/bin/env tsx
// The `milli` command. Everything it mounts lives in packages/cli/src; this file only runs it.
import { buildProgram } from '../src/index';

await buildProgram().parseAsync(process.argv);
