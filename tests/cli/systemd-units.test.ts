import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const DIR = fileURLToPath(new URL('../../contrib/systemd/', import.meta.url));
const HAS_SYSTEMD_ANALYZE = spawnSync('systemd-analyze', ['--version'], { stdio: 'ignore' }).status === 0;

/** `key=value` lines of a unit file (the last one of a key wins, as for most systemd keys). */
async function unit(name: string): Promise<Map<string, string>> {
  const text = await readFile(join(DIR, name), 'utf8');
  return new Map(text.split('\n').filter((l) => /^[A-Za-z]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('the systemd units in contrib/systemd', () => {
  it.skipIf(!HAS_SYSTEMD_ANALYZE).each(['wiredesk.service', 'wiredesk-run.service', 'wiredesk-run.timer'])('%s passes systemd-analyze verify', (name) => {
    const result = spawnSync('systemd-analyze', ['verify', '--man=no', join(DIR, name)], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });

  it.each([
    ['wiredesk.service', 'schedule'],
    ['wiredesk-run.service', 'run'],
  ])('%s starts `wiredesk %s` with options the command has', async (name, command) => {
    const exec = (await unit(name)).get('ExecStart') ?? '';
    const args = exec.split(/\s+/);
    expect(args.slice(0, 3)).toEqual(['node', 'bin/wiredesk.js', command]);
    const help = (await runCli([command, '--help'])).out;
    for (const flag of args.filter((a) => a.startsWith('--'))) expect(help, flag).toContain(flag);
    const log = args[args.indexOf('--log') + 1];
    expect(['json', 'pretty']).toContain(log);
  });

  it('stops with SIGTERM and gives the 10 s the daemon promises; reload is SIGHUP; a partial run is no failure', async () => {
    const daemon = await unit('wiredesk.service');
    expect(daemon.get('KillSignal')).toBe('SIGTERM');
    expect(Number.parseInt(daemon.get('TimeoutStopSec') ?? '0', 10)).toBeGreaterThan(10);
    expect(daemon.get('ExecReload')).toBe('kill -HUP $MAINPID');
    expect(daemon.get('ReadWritePaths')).toBe('/srv/wiredesk/out');
    const run = await unit('wiredesk-run.service');
    expect(run.get('Type')).toBe('oneshot');
    expect(run.get('SuccessExitStatus')).toBe('3');
    expect(Number.parseInt(run.get('TimeoutStopSec') ?? '0', 10)).toBeGreaterThan(10);
  });
});
