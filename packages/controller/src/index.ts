export { registerControllerCommands } from './cli/registerControllerCommands';
