import type { RunProgress } from '../pipeline/index.js';

/**
 * A one-line progress display for terminals ("sources 3/7 · articles 41/58"), redrawn in place.
 * Off a terminal it does nothing: logs are the record there.
 */
export function createProgress(totalSources: number, stream: NodeJS.WriteStream = process.stderr): { onProgress: (e: RunProgress) => void; done: () => void } {
  if (!stream.isTTY) return { onProgress: () => {}, done: () => {} };
  let sources = 0;
  let articles = 0;
  let known = 0;
  const draw = (): void => {
    stream.write(`\r\x1b[2Ksources ${sources}/${totalSources} · articles ${articles}/${known}`);
  };
  return {
    onProgress(event) {
      if (event.type === 'source-done') sources++;
      else if (event.type === 'articles-known') known += event.total;
      else articles++;
      draw();
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
