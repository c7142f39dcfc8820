// Worker-thread entry for `sim sweep`. A new thread starts without the
// TypeScript loader its parent may have, so it registers tsx itself (as
// bin.js does) before importing the worker loop. A failure to start is sent
// back like any other fatal error, so the waiting parent wakes up and says so.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  const { sweepWorker } = await import('./worker.ts');
  sweepWorker(workerData);
} catch (e) {
  workerData.port.postMessage({ kind: 'fatal', message: `worker failed to start: ${e instanceof Error ? e.message : String(e)}` });
  Atomics.add(workerData.shared, 0, 1);
  Atomics.notify(workerData.shared, 0);
}
