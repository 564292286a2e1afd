/** What a piece of code printed: stdout (console.log included) and stderr, as text. */
export interface CapturedOutput<T> {
  result: T;
  out: string;
  err: string;
}

/**
 * Runs `action` with process.stdout, process.stderr and console.log captured instead of printed, and restores
 * them afterwards whatever happens. For commands run in the test's own process.
 */
export async function captureOutput<T>(action: () => Promise<T>): Promise<CapturedOutput<T>> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const log = console.log;
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  console.log = (...parts: unknown[]) => void out.push(`${parts.map(String).join(' ')}\n`);
  try {
    const result = await action();
    return { result, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    console.log = log;
  }
}
