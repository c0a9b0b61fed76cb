// Small uploads finish before a progress line would be of any use.
const PROGRESS_MIN_BYTES = 1024 * 1024;

function bytes(n) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Progress on stderr: one rewritten line on a terminal, a line per 25% otherwise (CI logs). */
export function progressReporter(total, quiet) {
  if (quiet || total < PROGRESS_MIN_BYTES) return { onProgress: undefined, done() {} };
  const tty = process.stderr.isTTY;
  let lastQuarter = -1;
  let lastDraw = 0;
  const start = Date.now();
  return {
    onProgress(sent) {
      const pct = Math.floor((sent / total) * 100);
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && sent < total) return;
        lastDraw = now;
        process.stderr.write(`\ruploading ${bytes(sent)} / ${bytes(total)} (${pct}%)`);
        if (sent === total) process.stderr.write(' — processing…');
      } else {
        const quarter = Math.floor(pct / 25);
        if (quarter !== lastQuarter) {
          lastQuarter = quarter;
          process.stderr.write(
            `uploading ${bytes(sent)} / ${bytes(total)} (${pct}%)${sent === total ? ', processing…' : ''}\n`,
          );
        }
      }
    },
    done() {
      if (tty)
        process.stderr.write(
          `\r\x1b[Kuploaded ${bytes(total)} and processed in ${((Date.now() - start) / 1000).toFixed(1)} s\n`,
        );
    },
  };
}
