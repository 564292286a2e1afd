import cliProgress from 'cli-progress';

/** A progress bar on a terminal; on a pipe (CI, logs) a plain line every tenth of the way, so logs stay readable. */
export function progressReporter(label: string): { update(done: number, total: number, item: string): void; done(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {item}`, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, item) {
        if (!started) bar.start(total, 0, { item });
        started = true;
        bar.update(done, { item });
      },
      done: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = Math.floor((done * 10) / total);
      if (tenth !== lastTenth) process.stderr.write(`${label}: ${done}/${total}\n`);
      lastTenth = tenth;
    },
    done() {},
  };
}
