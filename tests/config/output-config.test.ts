import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';

const sources = [{ name: 'A', url: 'https://a.example/rss' }];

describe('config output section', () => {
  it('defaults to writing the board, with no base URL', () => {
    expect(parseConfig({ sources }, '/etc/wiredesk.json').output).toEqual({ board: true, boardEveryMinutes: 5, baseUrl: null });
  });

  it('takes board: false and an absolute http(s) base URL, adding the trailing slash feeds resolve against', () => {
    expect(parseConfig({ sources, output: { board: false, baseUrl: 'https://desk.example.org/wire' } }, null).output).toEqual({ board: false, boardEveryMinutes: 5, baseUrl: 'https://desk.example.org/wire/' });
    expect(parseConfig({ sources, output: { baseUrl: 'http://10.0.0.5:8080/' } }, null).output.baseUrl).toBe('http://10.0.0.5:8080/');
  });

  it('names the field and what was expected for anything else', () => {
    const bad: [unknown, string][] = [
      [{ board: 'yes' }, 'field "output.board": expected true or false, got "yes"'],
      [{ boardEveryMinutes: -1 }, 'field "output.boardEveryMinutes": expected a number ≥ 0, got -1'],
      [{ baseUrl: '/relative/' }, 'field "output.baseUrl": expected an absolute http(s) URL, got "/relative/"'],
      [{ baseUrl: 'file:///srv/out/' }, 'field "output.baseUrl": expected an absolute http(s) URL'],
      [{ baseUrl: 'https://desk.example/?x=1' }, 'field "output.baseUrl": expected a URL without query or fragment'],
      [{ feeds: true }, 'field "output.feeds": expected a known field (one of: board, boardEveryMinutes, baseUrl); unknown field'],
    ];
    for (const [output, message] of bad) expect(() => parseConfig({ sources, output }, '/etc/wiredesk.json')).toThrow(message);
  });
});
