import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminalIo } from '../../src/cli/terminal-io.js';
import { renderTerminal } from '../support/render-terminal.js';

/** A stream that records what is written, claiming to be a terminal or not. */
function stream(isTTY: boolean): PassThrough & { isTTY: boolean; text(): string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; text(): string };
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString('utf8')));
  s.isTTY = isTTY;
  s.text = () => text;
  return s;
}

describe('createTerminalIo', () => {
  it('keeps log lines and the progress line apart on a terminal, and the progress line last', async () => {
    const stderr = stream(true);
    const io = createTerminalIo({ stdout: stream(false), stderr }, () => undefined);
    io.progress('sources 0/16 · articles 0/24');
    io.logLine('17:40:33 WARN  fetch_retry url=http://a.example/');
    io.progress('sources 1/16 · articles 3/24');
    io.logLine('17:40:34 INFO  feed crawled');
    await new Promise((r) => setImmediate(r));
    expect(renderTerminal(stderr.text())).toEqual(['17:40:33 WARN  fetch_retry url=http://a.example/', '17:40:34 INFO  feed crawled', 'sources 1/16 · articles 3/24']);
    io.progress(null);
    await new Promise((r) => setImmediate(r));
    expect(renderTerminal(stderr.text())).toEqual(['17:40:33 WARN  fetch_retry url=http://a.example/', '17:40:34 INFO  feed crawled', '']);
  });

  it('draws no progress line off a terminal, and writes log lines as they are', async () => {
    const stderr = stream(false);
    const io = createTerminalIo({ stdout: stream(false), stderr }, () => undefined);
    io.progress('sources 0/16');
    io.logLine('{"level":"info"}');
    await new Promise((r) => setImmediate(r));
    expect(stderr.text()).toBe('{"level":"info"}\n');
  });

  it('treats a closed stream (EPIPE) as closed: told once, later writes dropped, nothing thrown', async () => {
    const stdout = stream(false);
    const closed: string[] = [];
    const io = createTerminalIo({ stdout, stderr: stream(false) }, (name) => closed.push(name));
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    stdout.emit('error', Object.assign(new Error('write after end'), { code: 'ERR_STREAM_DESTROYED' }));
    expect(closed).toEqual(['stdout']);
    expect(() => io.out('more\n')).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(stdout.text()).toBe('');
  });
});
