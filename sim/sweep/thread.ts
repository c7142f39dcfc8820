// Worker-thread entry for `sim sweep`, compiled to dist/sweep/thread.js and
// started from there as plain JavaScript. (Run from the sources, sweep.ts
// starts thread-tsx.js instead, which registers a TypeScript loader first and
// then imports this file.) The worker loop is imported dynamically so that a
// failure to load it is caught here and sent back like any other fatal error:
// the parent is blocked in Atomics.wait and would otherwise never wake up.
import { workerData } from 'node:worker_threads';
import type { SweepWorkerData } from './worker.ts';

const data = workerData as SweepWorkerData;
try {
  const { sweepWorker } = await import('./worker.ts');
  sweepWorker(data);
} catch (e) {
  data.port.postMessage({ kind: 'fatal', message: `worker failed to start: ${e instanceof Error ? e.message : String(e)}` });
  // Slot 0 is worker.ts's DONE counter (not imported: worker.ts is what may have failed to load).
  Atomics.add(data.shared, 0, 1);
  Atomics.notify(data.shared, 0);
}
