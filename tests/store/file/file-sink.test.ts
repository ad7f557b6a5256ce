import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log/index.js';
import { filedDayOf } from '../../../src/records/index.js';
import { openFileSink, readJsonFile } from '../../../src/store/index.js';
import { fakeClock, listFiles, makeArticle, makeRun, makeStory, useTempOutput } from '../make-records.js';

/** Files of the output directory, the state directory left out. */
async function outputFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir)).filter((f) => !f.startsWith('.wiredesk-state/'));
}

describe('file sink: the output directory contract', () => {
  const clock = fakeClock();
  const t = useTempOutput(clock);

  it('files an article under the UTC day of publishedAt, else fetchedAt, and never under a future date', async () => {
    const cases = [
      makeArticle('a1', { publishedAt: '2026-11-19T23:30:00-02:00' }),
      makeArticle('b2', { publishedAt: null, fetchedAt: '2026-01-05T08:00:00.000Z' }),
      makeArticle('c3', { publishedAt: 'not a date', fetchedAt: '2026-02-01T00:00:00.000Z' }),
      makeArticle('d4', { publishedAt: '2027-01-10T00:00:00.000Z', fetchedAt: '2026-12-01T00:00:00.000Z' }),
    ];
    for (const a of cases) await t.sink().writeArticle(a, filedDayOf(a));
    expect((await listFiles(t.dir())).filter((f) => f.startsWith('articles/'))).toEqual([
      'articles/2026/01/05/b2.json',
      'articles/2026/02/01/c3.json',
      'articles/2026/11/20/a1.json',
      'articles/2026/12/01/d4.json',
    ]);
    expect(await readJsonFile(join(t.dir(), 'articles/2026/11/20/a1.json'))).toMatchObject({ id: 'a1', schemaVersion: 1 });
    expect(await t.sink().readArticle('a1', '2026-11-20')).toMatchObject({ id: 'a1' });
    expect(await t.sink().readArticle('a1', '2026-11-21')).toBeNull();
  });

  it('refuses ids and days that are not safe file names', async () => {
    await expect(t.sink().writeArticle(makeArticle('../../etc/passwd'), '2026-11-20')).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(t.sink().writeArticle(makeArticle('UPPER'), '2026-11-20')).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(t.sink().writeArticle(makeArticle('ok'), '../2026')).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(t.sink().writeStory(makeStory('a/b', ['x']))).rejects.toMatchObject({ code: 'STORE_WRITE' });
    expect(await outputFiles(t.dir())).toEqual([]);
  });

  it('writes stories, and the run report (ids turned into paths) before latest-run.json', async () => {
    await t.sink().writeStory(makeStory('s1', ['a1']));
    expect(await t.sink().readStory('s1')).toMatchObject({ members: ['a1'] });
    expect(await t.sink().readStory('missing')).toBeNull();
    const run = makeRun('20261121-030000-abcdef');
    const report = await t.sink().writeRunReport({ ...run, written: { articles: [{ id: 'a1', filedDay: '2026-11-20' }], stories: ['s1'] } });
    expect(report.written).toEqual({ articles: ['articles/2026/11/20/a1.json'], stories: ['stories/s1.json'] });
    expect(await readJsonFile(join(t.dir(), 'runs/20261121-030000-abcdef.json'))).toEqual(report);
    expect(await t.sink().readLatestRun()).toMatchObject({ runId: '20261121-030000-abcdef', path: 'runs/20261121-030000-abcdef.json', status: 'ok' });
  });

  it('writes, lists and removes the board\'s text chunks under board/texts, and refuses any other name', async () => {
    expect(await t.sink().listBoardAssets()).toEqual([]);
    expect(await t.sink().writeBoardAsset('texts/h2026112103-0a1b2c3d4e5f.js', 'wdTexts("h",[]);\n')).toBe('board/texts/h2026112103-0a1b2c3d4e5f.js');
    await t.sink().writeBoardAsset('texts/s-0a1b2c3d4e5f.js', 'x');
    // A temp file of a write in progress is not a chunk.
    await writeFile(join(t.dir(), 'board/texts/.s-1.js.123-abcdef01.tmp'), 'x');
    expect(await t.sink().listBoardAssets()).toEqual(['texts/h2026112103-0a1b2c3d4e5f.js', 'texts/s-0a1b2c3d4e5f.js']);
    await t.sink().removeBoardAsset('texts/s-0a1b2c3d4e5f.js');
    await t.sink().removeBoardAsset('texts/s-0a1b2c3d4e5f.js');
    expect(await t.sink().listBoardAssets()).toEqual(['texts/h2026112103-0a1b2c3d4e5f.js']);
    for (const name of ['../index.html', 'texts/../../x.js', 'index.html', 'texts/A.js', 'texts/x.html', 'texts/.x.js', 'texts/sub/x.js', 'x.js']) {
      await expect(t.sink().writeBoardAsset(name, 'x')).rejects.toMatchObject({ code: 'STORE_WRITE' });
      await expect(t.sink().removeBoardAsset(name)).rejects.toMatchObject({ code: 'STORE_WRITE' });
    }
  });

  it('removes an article and the day directories it leaves empty', async () => {
    const a = makeArticle('gone');
    await t.sink().writeArticle(a, '2026-11-20');
    await t.sink().writeArticle(makeArticle('kept'), '2026-11-21');
    await t.sink().removeArticle('gone', '2026-11-20');
    expect(await outputFiles(t.dir())).toEqual(['articles/2026/11/21/kept.json']);
  });

  it('after a crawler was killed, the next lock holder removes temp files of dead writers, not of live ones', async () => {
    await mkdir(join(t.dir(), 'stories'), { recursive: true });
    const dead = join(t.dir(), 'stories', '.s1.json.999999999-0badc0de.tmp');
    const live = join(t.dir(), 'stories', `.s2.json.${process.ppid}-0badc0de.tmp`);
    await writeFile(dead, '{"half":');
    await writeFile(live, '{"half":');
    // The lock info a killed crawler leaves behind is what says the last shutdown was unclean.
    await writeFile(join(t.dir(), '.wiredesk.lock'), JSON.stringify({ pid: 999_999_999, hostname: 'h', startedAt: '2026-01-01T00:00:00Z', token: 'x' }));
    await t.sink().acquireLock();
    await t.sink().releaseLock();
    expect((await listFiles(t.dir())).filter((f) => f.endsWith('.tmp'))).toEqual([`stories/.s2.json.${process.ppid}-0badc0de.tmp`]);
  });

  it('refuses an output directory on a pseudo file system (/proc) instead of hanging', async () => {
    await expect(openFileSink({ outDir: '/proc/wiredesk-out', clock, logger: silentLogger })).rejects.toMatchObject({ code: 'STORE_WRITE' });
    await expect(openFileSink({ outDir: '/proc/self/x/y', clock, logger: silentLogger })).rejects.toMatchObject({ code: 'STORE_WRITE' });
  });
});
