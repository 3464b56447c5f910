/** The part of a stream the progress bar needs. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** A progress bar for long runs, drawn on one line of a terminal; silent when not a TTY. */
export interface Progress {
  /** Records `files` more files done, `failed` of them failed, and redraws. */
  advance(files: number, failed: number): void;
  /** Clears the bar (call before printing results). */
  done(): void;
}

/** Creates a progress bar for `total` files on `stream`, drawn only when `stream.isTTY` and `enabled`. */
export function createProgress(total: number, stream: ProgressStream, enabled = true, now: () => number = Date.now): Progress {
  const active = enabled && stream.isTTY === true && total > 0;
  const started = now();
  let done = 0;
  let failed = 0;
  const draw = (): void => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
    const filled = Math.round((done / total) * width);
    const elapsed = (now() - started) / 1000;
    const eta = done > 0 && done < total ? ` ETA ${Math.ceil((elapsed / done) * (total - done))}s` : '';
    const percent = Math.floor((done / total) * 100);
    stream.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${percent}%${failed ? ` ${failed} failed` : ''}${eta}\u001b[K`,
    );
  };
  if (active) draw();
  return {
    advance(files, newlyFailed) {
      done += files;
      failed += newlyFailed;
      if (active) draw();
    },
    done() {
      if (active) stream.write('\r\u001b[K');
    },
  };
}
