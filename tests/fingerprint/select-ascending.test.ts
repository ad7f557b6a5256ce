import { describe, expect, it } from 'vitest';
import { selectAscending } from '../../src/fingerprint/select-ascending.js';
import { seededRandom } from './helpers.js';

describe('selectAscending', () => {
  it('gives what sorting gives at every index, with many equal values and sorted input', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 400; trial += 1) {
      const n = 1 + Math.floor(random() * 300);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i += 1) values[i] = trial % 3 === 0 ? Math.floor(random() * 4) + 1 : trial % 3 === 1 ? (Math.floor(random() * 9) + 1) / 2 : n - i;
      const sorted = values.slice().sort();
      const k = Math.floor(random() * n);
      expect(selectAscending(values.slice(), k)).toBe(sorted[k]);
    }
  });
});
