/**
 * A progress bar on stderr for large inputs: shown only when stderr is a terminal, `--quiet` is not set, and more
 * than 100,000 rows have been read (small files finish before a bar is useful). Uses cli-progress when installed;
 * without it there is simply no bar.
 * @module
 */

/** Rows read before a bar appears. @internal */
export const PROGRESS_MIN_ROWS = 100_000;

interface Bar {
  start(total: number, value: number): void;
  update(value: number): void;
  stop(): void;
}

/** A progress reporter: `update(bytes, total, rows)` during the read, `stop()` at the end. @internal */
export interface ProgressReporter {
  update(bytesRead: number, totalBytes: number, rows: number): void;
  stop(): void;
}

/** @internal */
export async function createProgress(enabled: boolean): Promise<ProgressReporter> {
  const none: ProgressReporter = { update: () => {}, stop: () => {} };
  if (!enabled || process.stderr.isTTY !== true) return none;
  let bar: Bar | undefined;
  let make: (() => Bar) | undefined;
  try {
    const mod = (await import('cli-progress')) as unknown as {
      default?: { SingleBar: new (o: object, p: object) => Bar; Presets: { shades_classic: object } };
      SingleBar?: new (o: object, p: object) => Bar;
      Presets?: { shades_classic: object };
    };
    const lib = mod.default ?? mod;
    const SingleBar = lib.SingleBar;
    const preset = lib.Presets?.shades_classic ?? {};
    if (SingleBar === undefined) return none;
    make = () =>
      new SingleBar(
        { stream: process.stderr, format: 'reading  [{bar}] {percentage}% | {value}/{total} MB', hideCursor: true },
        preset,
      );
  } catch {
    return none;
  }
  const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
  return {
    update(bytesRead, totalBytes, rows) {
      if (bar === undefined) {
        if (rows < PROGRESS_MIN_ROWS || make === undefined) return;
        bar = make();
        bar.start(mb(totalBytes), mb(bytesRead));
      } else bar.update(mb(bytesRead));
    },
    stop() {
      bar?.stop();
    },
  };
}
