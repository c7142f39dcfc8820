// Worker-thread entry for `sim sweep`, compiled to dist/sweep/thread.js and
// started from there as plain JavaScript. (Run from the sources, pool.ts
// starts thread-tsx.js instead, which registers a TypeScript loader first and
// then imports this file.) The worker body is imported dynamically so that a
// failure to load it is caught here and reported like any other fatal error.
import { parentPort, workerData } from 'node:worker_threads';
import type { SweepWorkerData, WorkerPort } from './worker.ts';

const port = parentPort as unknown as WorkerPort;
try {
  const { sweepWorker } = await import('./worker.ts');
  sweepWorker(workerData as SweepWorkerData, port);
} catch (e) {
  port.postMessage({ kind: 'fatal', message: `worker failed to start: ${e instanceof Error ? e.message : String(e)}` });
}
