import { expect, test } from 'vitest';
import { sanitiseFilename } from '../src/file-name.js';

test.each([
  ['scan.png', 'scan.png'],
  ['../../etc/passwd', 'passwd'],
  ['C:\\scans\\left.jpg', 'left.jpg'],
  ['bell\u0007.png', 'bell.png'],
  ['evil\u202egnp.exe', 'evilgnp.exe'],
  ['', 'upload'],
  ['..', 'upload'],
  [undefined, 'upload'],
  ['a'.repeat(300), 'a'.repeat(255)],
])('sanitises %j to %j', (sent, expected) => {
  expect(sanitiseFilename(sent)).toBe(expected);
});
