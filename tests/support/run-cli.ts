import { main } from '../../src/cli/index.js';

/** Runs the CLI in-process with captured output, as `main` runs for a real invocation. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
