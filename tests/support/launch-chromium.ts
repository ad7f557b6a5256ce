import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser download does not work here and is never attempted. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The launch flags the browser tests and the board bench use (no sandbox: CI runs as root in a container). */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** A headless Chromium with a fresh profile; `close` ends the browser and removes the profile. */
export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Debian's Chromium through playwright-core with a fresh user-data directory, so no state
 * leaks between runs. Fails with a message saying how to install it when it is missing.
 */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedChromium> {
  try {
    await access(CHROMIUM_PATH);
  } catch {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's Chromium (apt-get update && apt-get install -y chromium)`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'wiredesk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
