export { expectMilliError } from './expectMilliError';
export { tempDir } from './tempDir';
export { captureOutput, type CapturedOutput } from './captureOutput';
