import { describe, expect, it } from 'vitest';
import { escapeMarkup, safeHttpUrl } from '../../src/board/index.js';

describe('escapeMarkup', () => {
  it('escapes the five markup characters, so text can go in element content and in attributes', () => {
    expect(escapeMarkup(`<img src=x onerror="a('b')"> & co`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co');
  });

  it('drops characters XML 1.0 forbids (a NUL or a lone surrogate would make a whole feed malformed) and keeps the rest', () => {
    expect(escapeMarkup('a\u0000b\u0008c\u000bd\ufffee\ud800f')).toBe('abcdef');
    expect(escapeMarkup('tab\tline\nret\r emoji 😀 عربي')).toBe('tab\tline\nret\r emoji 😀 عربي');
    // Twice in a row: the check must not keep state between calls.
    expect(escapeMarkup('x\u0001')).toBe('x');
    expect(escapeMarkup('y\u0001')).toBe('y');
  });
});

describe('safeHttpUrl', () => {
  it('keeps absolute http(s) URLs and refuses anything that could run code or is relative', () => {
    expect(safeHttpUrl('https://agency.example/a?b=1')).toBe('https://agency.example/a?b=1');
    expect(safeHttpUrl('HTTP://Agency.Example/a')).toBe('http://agency.example/a');
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>', '/relative', 'vbscript:x', '', null, undefined]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});
