import { describe, expect, it } from 'vitest';
import { prepareHtml } from '../../src/extract/prepare-html.js';

describe('prepareHtml', () => {
  it('strips raw-text elements but not custom elements whose names start like them', () => {
    const raw = '<html><body><p><svg-icon name="clock"></svg-icon> 5 min read</p><script-loader></script-loader><p>The council voted.</p><script>var x = "<p>no</p>";</script><p>Budget passes.</p></body></html>';
    const { html } = prepareHtml(raw);
    expect(html).toContain('<svg-icon name="clock"></svg-icon>');
    expect(html).toContain('<p>The council voted.</p>');
    expect(html).toContain('<p>Budget passes.</p>');
    expect(html).not.toContain('var x');
  });
});
