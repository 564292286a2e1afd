/** A progress bar on a terminal; on a pipe (CI, logs) a plain line every tenth of the way, so logs stay readable. */
export declare function progressReporter(label: string): {
  update(done: number, total: number, item: string): void;
  done(): void;
};
//# sourceMappingURL=progressReporter.d.ts.map
