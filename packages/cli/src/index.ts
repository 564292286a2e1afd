export { buildProgram } from './buildProgram';
export { runProgram } from './runProgram';
export { registerLabCommands } from './lab/registerLabCommands';
export { spawnServeProcess, type ServeProcess } from './serveProcess';
export { reportError } from './errors/reportError';
