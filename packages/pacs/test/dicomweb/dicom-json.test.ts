import { describe, expect, test } from 'vitest';
import { type DicomJson, jsonNumber, jsonString } from '../../src/index.js';

const data: DicomJson = {
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
  '0020000D': { vr: 'UI', Value: ['1.2.3'] },
  '00201208': { vr: 'IS', Value: [4] },
  '00201206': { vr: 'IS', Value: ['2'] },
  '00280030': { vr: 'DS', Value: ['x'] },
  '00080061': { vr: 'CS' },
};

describe('DICOM JSON readers', () => {
  test('jsonString reads a string, a PN as its Alphabetic form and a number as its text, tags in either case', () => {
    expect(jsonString(data, '0020000d')).toBe('1.2.3');
    expect(jsonString(data, '00100010')).toBe('Doe^Jane');
    expect(jsonString(data, '00201208')).toBe('4');
  });

  test('jsonNumber reads IS as a JSON number or as a string', () => {
    expect(jsonNumber(data, '00201208')).toBe(4);
    expect(jsonNumber(data, '00201206')).toBe(2);
  });

  test('both are undefined for an absent element, an element without Value, or a value of the wrong kind', () => {
    expect(jsonString(data, '00080020')).toBeUndefined();
    expect(jsonString(data, '00080061')).toBeUndefined();
    expect(jsonString({ '00100010': { vr: 'PN', Value: [{ Ideographic: 'x' }] } }, '00100010')).toBeUndefined();
    expect(jsonNumber(data, '00280030')).toBeUndefined();
    expect(jsonNumber(data, '00100010')).toBeUndefined();
  });
});
