import cliProgress from 'cli-progress';

export interface ProgressReporter {
  update(done: number, total: number, item?: string): void;
  /** Ends the bar; safe to call more than once and when nothing was reported. */
  done(): void;
}

/**
 * The one progress display of every long-running command, on stderr so stdout stays the result: a bar on a
 * terminal; on a pipe (CI, logs) a plain line each time another tenth is done, so logs stay short and readable.
 */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {item}`, stream },
      cliProgress.Presets.shades_classic,
    );
    let state: 'idle' | 'running' | 'stopped' = 'idle';
    return {
      update(done, total, item = '') {
        if (state === 'stopped') return;
        if (state === 'idle') bar.start(total, 0, { item });
        state = 'running';
        bar.update(done, { item });
      },
      done() {
        if (state === 'running') bar.stop();
        state = 'stopped';
      },
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = total <= 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth !== lastTenth) stream.write(`${label}: ${done}/${total}\n`);
      lastTenth = tenth;
    },
    done() {},
  };
}
