export { buildProgram } from './buildProgram';
export { runProgram } from './runProgram';
export { registerLabCommands } from './lab/registerLabCommands';
export { reportError } from './errors/reportError';
