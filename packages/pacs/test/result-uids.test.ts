import { describe, expect, test } from 'vitest';
import { derivedUid, resultUids } from '../src/result-uids.js';

// PS3.5 9.1: components of digits, no leading zero unless the component is 0, at most 64 characters.
const UID_SYNTAX = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;

describe('derivedUid', () => {
  test('is 2.25 and the decimal of the first 128 bits of SHA-256 of the parts joined by NUL', () => {
    // Computed independently: python3 -c "import hashlib; h = hashlib.sha256(b'a\x00b').digest(); print(int.from_bytes(h[:16], 'big'))"
    expect(derivedUid('abc')).toBe('2.25.247859944228867399418143717509236138531');
    expect(derivedUid('a', 'b')).toBe('2.25.119227826172246415199572365930447286639');
  });

  test('gives the same UID for the same parts', () => {
    expect(derivedUid('sr-instance', '1.2.3', 'f'.repeat(64))).toBe(derivedUid('sr-instance', '1.2.3', 'f'.repeat(64)));
  });

  test('gives valid UIDs of at most 64 characters, with no leading zeros, for many inputs', () => {
    for (let i = 0; i < 500; i += 1) {
      const uid = derivedUid('study', `1.2.826.0.1.${i}`, 'x'.repeat(i));
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(uid).toMatch(UID_SYNTAX);
      expect(uid.startsWith('2.25.')).toBe(true);
    }
  });

  test('gives different UIDs for different parts, however they are split', () => {
    const uids = [derivedUid('ab', 'c'), derivedUid('a', 'bc'), derivedUid('abc'), derivedUid('a', 'b', 'c'), derivedUid('c', 'ab')];
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe('resultUids', () => {
  const study = '1.2.826.0.1.3680043.8.498.1001';
  const model = 'a'.repeat(64);

  test('gives every object of a result set its own UID', () => {
    const uids = resultUids(study, model);
    const all = [uids.srSeries, uids.srInstance, uids.captureSeries, uids.captureInstance('1.2.3.1'), uids.captureInstance('1.2.3.2')];
    expect(new Set(all).size).toBe(all.length);
    for (const uid of all) expect(uid).toMatch(UID_SYNTAX);
  });

  test('gives the same UIDs again for the same study and model, so a result stored twice is the same instance', () => {
    const first = resultUids(study, model);
    const again = resultUids(study, model);
    expect([again.srSeries, again.srInstance, again.captureSeries, again.captureInstance('1.2.3.1')]).toEqual([
      first.srSeries,
      first.srInstance,
      first.captureSeries,
      first.captureInstance('1.2.3.1'),
    ]);
  });

  test('gives a different result set for another model or another study', () => {
    const base = resultUids(study, model);
    expect(resultUids(study, 'b'.repeat(64)).srInstance).not.toBe(base.srInstance);
    expect(resultUids(`${study}.1`, model).srInstance).not.toBe(base.srInstance);
    expect(resultUids(study, 'b'.repeat(64)).captureInstance('1.2.3.1')).not.toBe(base.captureInstance('1.2.3.1'));
  });
});
