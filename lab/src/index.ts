export { registerLabCommands } from './cli/registerLabCommands';
