// When local mode stops: on a signal, or when the process that started it is gone.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const PARENT_POLL_MS = 500;

/**
 * SIGINT / SIGTERM / SIGHUP, or the parent's exit → `mf.dispose()` (which stops workerd), then
 * exit 0: a requested stop is a clean stop. The parent is watched because `npx specmock mock &`
 * puts npm between the shell and this process: `kill $PID` reaches npm, which may exit without
 * passing the signal on, and this process would live on re-parented, still serving.
 * Miniflare installs its own exit hook (kill workerd, exit 130) on those signals; it is set aside
 * here so dispose can finish, and used as the fallback for a second signal or a stuck dispose.
 */
export function stopWhenAsked(mf, onStop = () => {}) {
  const saved = Object.fromEntries(SIGNALS.map((sig) => [sig, process.listeners(sig)]));
  let stopping = false;
  const hardStop = (sig) => {
    for (const listener of saved[sig] ?? []) listener(sig);
    process.exit(1);
  };
  const stop = async (reason) => {
    const sig = SIGNALS.includes(reason) ? reason : 'SIGTERM';
    if (stopping) return hardStop(sig);
    stopping = true;
    onStop(reason);
    setTimeout(() => hardStop(sig), 10_000).unref();
    try {
      await mf.dispose();
    } finally {
      process.exit(0);
    }
  };
  for (const sig of SIGNALS) {
    process.removeAllListeners(sig);
    process.on(sig, stop);
  }
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(watch);
      void stop('parent exited');
    }
  }, PARENT_POLL_MS);
  watch.unref();
}
