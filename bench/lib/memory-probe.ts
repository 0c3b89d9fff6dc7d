/**
 * Preloaded into the app by the benchmark (`node -r dist/bench/lib/memory-probe.js ...`): answers
 * `{ type: 'memory', gc }` messages on the IPC channel with `process.memoryUsage()`, after a full
 * garbage collection when asked and available (`--expose-gc`). Does nothing without an IPC channel,
 * and the app's code is not changed by it.
 */
if (typeof process.send === 'function') {
  process.on('message', (message: { type?: string; gc?: boolean; id?: number }) => {
    if (message?.type !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (message.gc && gc) gc();
    process.send!({ type: 'memory', id: message.id, usage: process.memoryUsage(), gc: !!(message.gc && gc) });
  });
  // The channel must not keep a finished app alive.
  (process as unknown as { channel?: { unref(): void } }).channel?.unref();
}
