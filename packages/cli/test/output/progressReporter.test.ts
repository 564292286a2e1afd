import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/output/progressReporter';

/** A stream that is not a terminal (a pipe, a log file), recording what is written. */
function pipe(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  const written: string[] = [];
  const stream = { isTTY: false, write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => written.join('').trimEnd().split('\n') };
}

describe('progress on a pipe', () => {
  it('writes one line each time another tenth is done, whatever the number of items', () => {
    for (const total of [7, 10, 250]) {
      const { stream, lines } = pipe();
      const progress = progressReporter('discover', stream);
      for (let done = 1; done <= total; done++) progress.update(done, total, `device-${done}`);
      progress.done();
      const tenths = new Set(Array.from({ length: total }, (_, i) => Math.floor(((i + 1) * 10) / total)));
      expect(lines()).toHaveLength(tenths.size);
      expect(lines().at(-1)).toBe(`discover: ${total}/${total}`);
    }
  });
});
