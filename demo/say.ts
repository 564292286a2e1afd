/** The demo's voice: numbered steps, indented facts, nothing else on stdout. */
let step = 0;

export function heading(text: string): void {
  step += 1;
  console.log(`\n${step}. ${text}`);
}

export function fact(text: string, depth = 1): void {
  console.log(`${'   '.repeat(depth)}${text}`);
}

export function elapsed(since: number): string {
  const ms = Date.now() - since;
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
