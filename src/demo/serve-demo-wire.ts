/**
 * Serves the demo wire until Ctrl-C, for looking at the fixture sites in a browser or pointing a
 * hand-written config at them: `npx tsx src/demo/serve-demo-wire.ts [--host 127.0.0.1]`.
 */
import { fileURLToPath } from 'node:url';
import { startDemoWire } from './start-demo-wire.js';

async function main(): Promise<void> {
  const hostFlag = process.argv.indexOf('--host');
  const host = hostFlag >= 0 ? process.argv[hostFlag + 1] : undefined;
  const wire = await startDemoWire(host ? { host } : {});
  for (const s of wire.sources) process.stdout.write(`${s.name.padEnd(10)} ${wire.urlFor(s.name)}  feed: ${s.url}\n`);
  process.stdout.write('serving the demo wire; Ctrl-C to stop\n');
  const stop = (): void => {
    void wire.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
