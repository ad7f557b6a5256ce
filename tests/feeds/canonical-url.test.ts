import { describe, expect, it } from 'vitest';
import { TRACKING_PARAMS, canonicalizeUrl, isTrackingParam } from '../../src/feeds/index.js';

describe('canonicalizeUrl', () => {
  it('drops tracking parameters and the fragment, keeping the other parameters in order', () => {
    expect(canonicalizeUrl('https://news.example.com/a?b=2&utm_source=rss&a=1&fbclid=X&gclid=Y&mc_cid=1&mc_eid=2#comments')).toBe('https://news.example.com/a?b=2&a=1');
  });

  it('removes the whole query when only tracking remains, and lower-cases the host', () => {
    expect(canonicalizeUrl('HTTPS://News.Example.COM/Path?UTM_Medium=feed&ns_campaign=x')).toBe('https://news.example.com/Path');
  });

  it('refuses non-http(s) and unparseable URLs', () => {
    expect(canonicalizeUrl('mailto:desk@example.com')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
    expect(canonicalizeUrl(null)).toBeNull();
  });

  it('documents its list: utm_* is a prefix, the rest are exact names', () => {
    expect(TRACKING_PARAMS).toContain('utm_*');
    expect(isTrackingParam('utm_anything')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
    expect(isTrackingParam('page')).toBe(false);
  });
});
