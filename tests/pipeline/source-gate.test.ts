import { describe, expect, it } from 'vitest';
import { SourceGate } from '../../src/pipeline/index.js';

describe('SourceGate', () => {
  it('admits up to its limit, round-robin by feed host rather than in config order', async () => {
    const gate = new SourceGate(2);
    const started: string[] = [];
    let active = 0;
    let most = 0;
    const urls = ['http://a.example/1', 'http://a.example/2', 'http://a.example/3', 'http://b.example/1', 'http://b.example/2', 'http://c.example/1'];
    await Promise.all(
      urls.map((url) =>
        gate.run(url, async () => {
          started.push(url.replace('http://', '').replace('.example', ''));
          most = Math.max(most, ++active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(started).toEqual(['a/1', 'b/1', 'c/1', 'a/2', 'b/2', 'a/3']);
    expect(gate.active).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it('frees the place of a source that fails', async () => {
    const gate = new SourceGate(1);
    await expect(gate.run('http://a.example/1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('http://a.example/2', async () => 'ran')).resolves.toBe('ran');
  });
});
