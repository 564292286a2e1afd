export { buildProgram } from './buildProgram';
export { registerLabCommands } from './lab/registerLabCommands';
export { spawnServeProcess, type ServeProcess } from './serveProcess';
