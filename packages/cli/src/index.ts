export { buildProgram } from './buildProgram';
export { registerLabCommands } from './lab/registerLabCommands';
