import { Cron } from 'croner';
import { compile } from 'css-select';

/**
 * Why `expression` is not a cron expression the scheduler can run, or null when it is. Checked with the
 * same library and options the scheduler uses, so what loads is what runs.
 */
export function cronProblem(expression: string): string | null {
  try {
    new Cron(expression, { paused: true });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Why `selector` is not a CSS selector the extractor's DOM can run, or null when it is. css-select is the
 * engine behind linkedom's `querySelectorAll`, so a selector it cannot compile would fail on every page.
 */
export function selectorProblem(selector: string): string | null {
  try {
    compile(selector);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
