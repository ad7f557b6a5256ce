import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Whether V8 has freed `ref`'s target after a full collection: what a test of "nothing keeps this
 * any more" can assert. The runner starts node without --expose-gc, so the flag is set here.
 */
export async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // A WeakRef keeps its target until the job that made or read it ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  return ref.deref() === undefined;
}
