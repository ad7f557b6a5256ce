import { describe, expect, it } from 'vitest';
import { wallStandIn } from '../../../src/extract/classify/index.js';

describe('wallStandIn', () => {
  it('retries walls served for a moment, whatever the feed says', () => {
    expect(wallStandIn('bot-check', 'Council votes to keep night buses')).toBe('retry');
    expect(wallStandIn('error-page', null)).toBe('retry');
  });

  it('keeps a lasting wall as its feed headline, and nothing without one', () => {
    for (const kind of ['cookie-wall', 'login-wall', 'paywall-teaser'] as const) {
      expect(wallStandIn(kind, 'Landtag beschließt Doppelhaushalt')).toBe('headline');
      expect(wallStandIn(kind, '  ')).toBe('none');
      expect(wallStandIn(kind, null)).toBe('none');
    }
  });
});
