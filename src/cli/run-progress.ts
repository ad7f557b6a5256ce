import type { RunProgress } from '../pipeline/index.js';

/**
 * A one-line progress display for terminals ("sources 3/7 · articles 41/58"), drawn by the command's
 * progress line (cleared and drawn again around log lines); off a terminal that does nothing.
 */
export function createProgress(totalSources: number, show: (text: string | null) => void): { onProgress: (e: RunProgress) => void; done: () => void } {
  let sources = 0;
  let articles = 0;
  let known = 0;
  return {
    onProgress(event) {
      if (event.type === 'source-done') sources++;
      else if (event.type === 'articles-known') known += event.total;
      else articles++;
      show(`sources ${sources}/${totalSources} · articles ${articles}/${known}`);
    },
    done() {
      show(null);
    },
  };
}
