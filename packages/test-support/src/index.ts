export { expectMilliError } from './expectMilliError';
export { tempDir } from './tempDir';
export { captureOutput, type CapturedOutput } from './captureOutput';
export { REPO_ROOT, METRO_SMALL, METRO_MEDIUM, metroSmall, metroMedium, tinyMetro } from './metros';
export { connectEntry } from './connectEntry';
export { launchChromium } from './launchChromium';
