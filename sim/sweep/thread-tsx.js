// Worker-thread entry for `sim sweep` when the simulator runs from its
// TypeScript sources (vitest, `npx tsx`): a new thread starts without the
// parent's loader, so register tsx here, then run thread.ts. Never used from
// dist/ (the build does not copy it; users run compiled JavaScript). A
// failure to start is reported as thread.ts reports one.
import { parentPort } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./thread.ts');
} catch (e) {
  parentPort.postMessage({ kind: 'fatal', message: `worker failed to start: ${e instanceof Error ? e.message : String(e)}` });
}
