import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('wiredesk demo', () => {
  it('explains the "why" column under its table: copies with their bit distance, same story with its similarity', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wiredesk-demo-'));
    try {
      const result = await runCli(['demo', '--out', join(dir, 'out')]);
      expect(result.code, result.err).toBe(0);
      expect(result.out).toMatch(/copy of \S+ \(\d+ bits\)/);
      expect(result.out).toMatch(/same story \(sim \d\.\d\d\)/);
      const legend = result.out.slice(result.out.indexOf('\nwhy:'));
      expect(legend).toContain('copy of X (N bits)');
      expect(legend).toContain('same story (sim S)');
      expect(legend).toContain('story.duplicateOf');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
