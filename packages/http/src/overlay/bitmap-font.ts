/**
 * A built-in 5x9 bitmap font for printable ASCII, so overlays can carry text without system fonts
 * (the container images have none, and sharp's SVG text would need fontconfig).
 *
 * Each glyph is 5 columns by up to 9 rows, written as its rows separated by spaces, `#` for ink.
 * Rows 0-6 hold capitals and digits (baseline under row 6), rows 2-6 the x-height, rows 7-8 the
 * descenders; brackets reach row 7 so that '(' does not read as '<'. Trailing empty rows are left
 * out. The cell adds one spacing column and one spacing row.
 */

/** Size of one glyph cell in font pixels, including the spacing column/row. */
export const GLYPH_WIDTH = 6;
/** Size of one glyph cell in font pixels, including the spacing column/row. */
export const GLYPH_HEIGHT = 10;

const INK_COLUMNS = 5;
const INK_ROWS = 9;
const FIRST = 32;
const LAST = 126;
const FALLBACK = '?'.charCodeAt(0);

// In code-point order from ' ' (32) to '~' (126); checked when the module loads.
const GLYPHS: ReadonlyArray<readonly [string, string]> = [
  [' ', ''],
  ['!', '..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..'],
  ['"', '.#.#. .#.#. .#.#.'],
  ['#', '.#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.'],
  ['$', '..#.. .#### #.#.. .###. ..#.# ####. ..#..'],
  ['%', '##... ##..# ...#. ..#.. .#... #..## ...##'],
  ['&', '.##.. #..#. #.#.. .#... #.#.# #..#. .##.#'],
  ["'", '..#.. ..#.. ..#..'],
  ['(', '...#. ..#.. .#... .#... .#... .#... ..#.. ...#.'],
  [')', '.#... ..#.. ...#. ...#. ...#. ...#. ..#.. .#...'],
  ['*', '..... ..#.. #.#.# .###. #.#.# ..#..'],
  ['+', '..... ..#.. ..#.. ##### ..#.. ..#..'],
  [',', '..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...'],
  ['-', '..... ..... ..... #####'],
  ['.', '..... ..... ..... ..... ..... .##.. .##..'],
  ['/', '....# ...#. ...#. ..#.. .#... .#... #....'],
  ['0', '.###. #...# #..## #.#.# ##..# #...# .###.'],
  ['1', '..#.. .##.. #.#.. ..#.. ..#.. ..#.. #####'],
  ['2', '.###. #...# ....# ...#. ..#.. .#... #####'],
  ['3', '.###. #...# ....# ..##. ....# #...# .###.'],
  ['4', '...#. ..##. .#.#. #..#. ##### ...#. ...#.'],
  ['5', '##### #.... ####. ....# ....# #...# .###.'],
  ['6', '..##. .#... #.... ####. #...# #...# .###.'],
  ['7', '##### ....# ...#. ..#.. .#... .#... .#...'],
  ['8', '.###. #...# #...# .###. #...# #...# .###.'],
  ['9', '.###. #...# #...# .#### ....# ...#. .##..'],
  [':', '..... .##.. .##.. ..... ..... .##.. .##..'],
  [';', '..... .##.. .##.. ..... ..... .##.. .##.. ..#.. .#...'],
  ['<', '..... ...## .##.. #.... .##.. ...##'],
  ['=', '..... ..... ##### ..... #####'],
  ['>', '..... ##... ..##. ....# ..##. ##...'],
  ['?', '.###. #...# ....# ...#. ..#.. ..... ..#..'],
  ['@', '.###. #...# #.### #.#.# #.### #.... .###.'],
  ['A', '.###. #...# #...# ##### #...# #...# #...#'],
  ['B', '####. #...# #...# ####. #...# #...# ####.'],
  ['C', '.###. #...# #.... #.... #.... #...# .###.'],
  ['D', '###.. #..#. #...# #...# #...# #..#. ###..'],
  ['E', '##### #.... #.... ####. #.... #.... #####'],
  ['F', '##### #.... #.... ####. #.... #.... #....'],
  ['G', '.###. #...# #.... #.### #...# #...# .####'],
  ['H', '#...# #...# #...# ##### #...# #...# #...#'],
  ['I', '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.'],
  ['J', '..### ...#. ...#. ...#. ...#. #..#. .##..'],
  ['K', '#...# #..#. #.#.. ##... #.#.. #..#. #...#'],
  ['L', '#.... #.... #.... #.... #.... #.... #####'],
  ['M', '#...# ##.## #.#.# #.#.# #...# #...# #...#'],
  ['N', '#...# #...# ##..# #.#.# #..## #...# #...#'],
  ['O', '.###. #...# #...# #...# #...# #...# .###.'],
  ['P', '####. #...# #...# ####. #.... #.... #....'],
  ['Q', '.###. #...# #...# #...# #.#.# #..#. .##.#'],
  ['R', '####. #...# #...# ####. #.#.. #..#. #...#'],
  ['S', '.#### #.... #.... .###. ....# ....# ####.'],
  ['T', '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..'],
  ['U', '#...# #...# #...# #...# #...# #...# .###.'],
  ['V', '#...# #...# #...# #...# #...# .#.#. ..#..'],
  ['W', '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.'],
  ['X', '#...# #...# .#.#. ..#.. .#.#. #...# #...#'],
  ['Y', '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..'],
  ['Z', '##### ....# ...#. ..#.. .#... #.... #####'],
  ['[', '.###. .#... .#... .#... .#... .#... .#... .###.'],
  ['\\', '#.... .#... .#... ..#.. ...#. ...#. ....#'],
  [']', '.###. ...#. ...#. ...#. ...#. ...#. ...#. .###.'],
  ['^', '..#.. .#.#. #...#'],
  ['_', '..... ..... ..... ..... ..... ..... ..... #####'],
  ['`', '.#... ..#..'],
  ['a', '..... ..... .###. ....# .#### #...# .####'],
  ['b', '#.... #.... ####. #...# #...# #...# ####.'],
  ['c', '..... ..... .#### #.... #.... #.... .####'],
  ['d', '....# ....# .#### #...# #...# #...# .####'],
  ['e', '..... ..... .###. #...# ##### #.... .###.'],
  ['f', '..##. .#... .#... ####. .#... .#... .#...'],
  ['g', '..... ..... .#### #...# #...# #...# .#### ....# .###.'],
  ['h', '#.... #.... ####. #...# #...# #...# #...#'],
  ['i', '..#.. ..... .##.. ..#.. ..#.. ..#.. .###.'],
  ['j', '...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..'],
  ['k', '#.... #.... #..#. #.#.. ##... #.#.. #..#.'],
  ['l', '.##.. ..#.. ..#.. ..#.. ..#.. ..#.. ..##.'],
  ['m', '..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#'],
  ['n', '..... ..... ####. #...# #...# #...# #...#'],
  ['o', '..... ..... .###. #...# #...# #...# .###.'],
  ['p', '..... ..... ####. #...# #...# #...# ####. #.... #....'],
  ['q', '..... ..... .#### #...# #...# #...# .#### ....# ....#'],
  ['r', '..... ..... #.##. ##..# #.... #.... #....'],
  ['s', '..... ..... .#### #.... .###. ....# ####.'],
  ['t', '.#... .#... ####. .#... .#... .#..# ..##.'],
  ['u', '..... ..... #...# #...# #...# #...# .####'],
  ['v', '..... ..... #...# #...# #...# .#.#. ..#..'],
  ['w', '..... ..... #...# #...# #.#.# #.#.# .#.#.'],
  ['x', '..... ..... #...# .#.#. ..#.. .#.#. #...#'],
  ['y', '..... ..... #...# #...# #...# #...# .#### ....# .###.'],
  ['z', '..... ..... ##### ...#. ..#.. .#... #####'],
  ['{', '...## ..#.. ..#.. ##... ..#.. ..#.. ..#.. ...##'],
  ['|', '..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..'],
  ['}', '##... ..#.. ..#.. ...## ..#.. ..#.. ..#.. ##...'],
  ['~', '..... ..... .#... #.#.# ...#.'],
];

/** One byte per glyph row, bit 4 the leftmost column; glyph `c` starts at `(c - FIRST) * INK_ROWS`. */
const ROW_BITS = decodeGlyphs();

function decodeGlyphs(): Uint8Array {
  if (GLYPHS.length !== LAST - FIRST + 1) throw new Error(`bitmap font: expected ${LAST - FIRST + 1} glyphs, got ${GLYPHS.length}`);
  const bits = new Uint8Array(GLYPHS.length * INK_ROWS);
  GLYPHS.forEach(([char, pattern], index) => {
    if (char.charCodeAt(0) !== FIRST + index) throw new Error(`bitmap font: glyph ${index} is ${JSON.stringify(char)}, out of order`);
    const rows = pattern.trim() === '' ? [] : pattern.trim().split(' ');
    if (rows.length > INK_ROWS) throw new Error(`bitmap font: ${JSON.stringify(char)} has more than ${INK_ROWS} rows`);
    rows.forEach((row, r) => {
      if (!/^[.#]{5}$/.test(row)) throw new Error(`bitmap font: ${JSON.stringify(char)} row ${r} is not 5 of '.#'`);
      let value = 0;
      for (const cell of row) value = (value << 1) | (cell === '#' ? 1 : 0);
      bits[index * INK_ROWS + r] = value;
    });
  });
  return bits;
}

function glyphIndex(char: string): number {
  const code = char.codePointAt(0) ?? FALLBACK;
  return (code >= FIRST && code <= LAST ? code : FALLBACK) - FIRST;
}

function toByte(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`bitmap font: scale must be an integer >= 1, got ${scale}`);
}

/**
 * Width in output pixels of `text` drawn at `scale` (integer >= 1): its advance, one cell per code
 * point, trailing spacing column included, so widths of consecutive runs add up.
 */
export function textWidth(text: string, scale: number): number {
  checkScale(scale);
  let count = 0;
  for (const _ of text) count++;
  return count * GLYPH_WIDTH * scale;
}

/**
 * Draws `text` into an RGBA (4 bytes per pixel, row-major) or RGB (3 bytes) buffer of `width` x `height`,
 * top-left of the first glyph at (x, y), each font pixel a `scale` x `scale` block, in `colour` ([r,g,b]);
 * pixels outside the buffer are clipped silently. Characters outside 32-126 are drawn as '?'.
 * `channels` is 3 or 4 (for 4, alpha is set to 255 where drawn).
 *
 * @example
 * const pixels = new Uint8Array(200 * 20 * 4);
 * drawText(pixels, 200, 20, 4, 2, 2, '87.5% (High Risk)', { scale: 1, colour: [255, 255, 255] });
 */
export function drawText(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: 3 | 4,
  x: number,
  y: number,
  text: string,
  options: {
    /** Each font pixel becomes a `scale` x `scale` block (integer >= 1). */
    scale: number;
    /** Ink colour as [r, g, b], each 0-255. */
    colour: readonly [number, number, number];
  },
): void {
  const { scale, colour } = options;
  checkScale(scale);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bitmap font: bad buffer size ${width} x ${height}`);
  }
  if (pixels.length < width * height * channels) {
    throw new RangeError(`bitmap font: buffer holds ${pixels.length} bytes, ${width} x ${height} x ${channels} needs more`);
  }
  const r = toByte(colour[0]);
  const g = toByte(colour[1]);
  const b = toByte(colour[2]);
  const top = Math.floor(y);
  let left = Math.floor(x);
  for (const char of text) {
    const base = glyphIndex(char) * INK_ROWS;
    for (let row = 0; row < INK_ROWS; row++) {
      const bits = ROW_BITS[base + row] ?? 0;
      if (bits === 0) continue;
      const y0 = Math.max(0, top + row * scale);
      const y1 = Math.min(height, top + (row + 1) * scale);
      for (let col = 0; col < INK_COLUMNS; col++) {
        if ((bits & (1 << (INK_COLUMNS - 1 - col))) === 0) continue;
        const x0 = Math.max(0, left + col * scale);
        const x1 = Math.min(width, left + (col + 1) * scale);
        for (let py = y0; py < y1; py++) {
          for (let px = x0; px < x1; px++) {
            const at = (py * width + px) * channels;
            pixels[at] = r;
            pixels[at + 1] = g;
            pixels[at + 2] = b;
            if (channels === 4) pixels[at + 3] = 255;
          }
        }
      }
    }
    left += GLYPH_WIDTH * scale;
  }
}
