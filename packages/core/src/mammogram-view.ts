// biome-ignore-all lint/style/noNonNullAssertion: pixel loops index typed arrays within their bounds by construction; a check per pixel would check nothing.
/**
 * Normalises a grey mammogram so that every view looks alike to the model: background dark,
 * chest wall on the left, cropped to the breast, aspect kept on a black square. Models whose
 * manifest asks for `"preprocessing": "mammogram"` see this; training uses the same code
 * (apps/trainer/screening/prepare-data.mjs), so train and serve cannot drift apart.
 */

/** Longest side of the grey working image that mammogram preprocessing crops from. */
export const MAMMOGRAM_WORKING_SIZE = 1024;

/** Pixels of the border strip whose median decides the polarity. */
const BORDER = 8;
/** A pixel above this (after polarity) counts as tissue when cropping. */
const TISSUE_LEVEL = 25;
/** A row or column is part of the breast when more than this share of it is tissue. */
const TISSUE_SHARE = 0.02;
/** A crop smaller than this on either side is not trusted: the whole image is kept. */
const MIN_CROP = 16;

/** Where the square canvas came from in the (oriented, working-size) grey image. */
export interface ViewGeometry {
  /** The grey scale was inverted (light background, e.g. some exports of digital mammograms). */
  inverted: boolean;
  /** Mirrored left-right so that the chest wall is on the left. */
  flipped: boolean;
  /** The breast's bounding box in the working image, after the mirroring. */
  crop: { left: number; top: number; width: number; height: number };
  /** Side of the square canvas the crop was placed on: at its left edge, vertically centred. */
  canvas: number;
  /** Rows of black above the crop on the canvas. */
  padTop: number;
  /** Size of the working image the figures above refer to. */
  workWidth: number;
  workHeight: number;
}

/** A normalised view: the square grey canvas plus how it maps back to the working image. */
export interface MammogramView {
  pixels: Uint8Array;
  geometry: ViewGeometry;
  /** Pixels of each grey level 0-255 in the grey image given (before polarity), counted on the way: statistics and checks read it. */
  levels: Uint32Array;
}

/**
 * Builds the square canvas from a grey image (one byte a pixel, row-major).
 *
 * @example
 * const { pixels, geometry } = normaliseMammogram(grey, 640, 640);
 * geometry.canvas; // side of `pixels`, a square
 */
export function normaliseMammogram(grey: Uint8Array, width: number, height: number): MammogramView {
  if (grey.length !== width * height) throw new RangeError(`expected ${width * height} grey bytes, got ${grey.length}`);
  const inverted = borderMedian(grey, width, height) > 128;
  // One pass over the grey as it is (a megapixel: each extra pass or copy costs milliseconds on
  // the event loop) gives what every decision needs; inversion and mirroring are applied only
  // while copying the crop onto the canvas.
  const pass = scan(grey, width, height, inverted);
  // The breast holds more signal than the background, so the heavier half is the chest wall.
  const flipped = pass.right > pass.left;
  const box = boxOf(pass.rowCounts, pass.columnCounts, width, height);
  // The box on the mirrored image is the mirror of the box on the image.
  const crop = flipped ? { ...box, left: width - box.left - box.width } : box;
  const canvas = Math.max(crop.width, crop.height);
  const padTop = (canvas - crop.height) >> 1;
  const pixels = new Uint8Array(canvas * canvas);
  // Columns [left, left + w) of the mirrored image are columns [width - left - w, width - left) of the image, reversed.
  const first = flipped ? width - crop.left - crop.width : crop.left;
  for (let y = 0; y < crop.height; y++) {
    const from = (crop.top + y) * width + first;
    const to = (padTop + y) * canvas;
    pixels.set(grey.subarray(from, from + crop.width), to);
    if (flipped) pixels.subarray(to, to + crop.width).reverse();
  }
  if (inverted) {
    for (let y = 0; y < crop.height; y++) {
      const to = (padTop + y) * canvas;
      for (let x = to; x < to + crop.width; x++) pixels[x] = 255 - pixels[x]!;
    }
  }
  return { pixels, geometry: { inverted, flipped, crop, canvas, padTop, workWidth: width, workHeight: height }, levels: pass.levels };
}

/** What one pass over the grey image gathers. */
interface Scan {
  /** Sums of the left and right halves, after polarity (a middle column of an odd width is in neither). */
  left: number;
  right: number;
  /** Tissue pixels in each row and each column. */
  rowCounts: Uint32Array;
  columnCounts: Uint32Array;
  /** Pixels of each grey level 0-255, before polarity. */
  levels: Uint32Array;
}

function scan(grey: Uint8Array, width: number, height: number, inverted: boolean): Scan {
  // A pixel is tissue when, after polarity, it is above TISSUE_LEVEL: a table of the 256 levels
  // says so without arithmetic per pixel.
  const isTissue = new Uint8Array(256);
  for (let v = 0; v < 256; v++) isTissue[v] = (inverted ? 255 - v : v) > TISSUE_LEVEL ? 1 : 0;
  const rowCounts = new Uint32Array(height);
  const columnCounts = new Uint32Array(width);
  // Four interleaved level counts: a film's background is one level, and consecutive pixels of
  // one level would otherwise wait on each other's increment.
  const h0 = new Uint32Array(256);
  const h1 = new Uint32Array(256);
  const h2 = new Uint32Array(256);
  const h3 = new Uint32Array(256);
  const half = width >> 1;
  let left = 0;
  let right = 0;
  for (let y = 0; y < height; y++) {
    let inRow = 0;
    // The left half, then the rest of the row: four pixels a step, the tail one at a time.
    for (let side = 0; side < 2; side++) {
      const from = side === 0 ? 0 : half;
      const length = side === 0 ? half : width - half;
      const quads = length - (length & 3);
      const row = y * width + from;
      let sum = 0;
      let x = 0;
      for (; x < quads; x += 4) {
        const i = row + x;
        const a = grey[i]!;
        const b = grey[i + 1]!;
        const c = grey[i + 2]!;
        const d = grey[i + 3]!;
        h0[a]!++;
        h1[b]!++;
        h2[c]!++;
        h3[d]!++;
        const ta = isTissue[a]!;
        const tb = isTissue[b]!;
        const tc = isTissue[c]!;
        const td = isTissue[d]!;
        const column = from + x;
        columnCounts[column]! += ta;
        columnCounts[column + 1]! += tb;
        columnCounts[column + 2]! += tc;
        columnCounts[column + 3]! += td;
        inRow += ta + tb + tc + td;
        sum += a + b + c + d;
      }
      for (; x < length; x++) {
        const v = grey[row + x]!;
        h0[v]!++;
        const t = isTissue[v]!;
        columnCounts[from + x]! += t;
        inRow += t;
        sum += v;
      }
      // An odd width's middle column belongs to neither half.
      if (side === 0) left += sum;
      else right += width % 2 === 1 ? sum - grey[row]! : sum;
    }
    rowCounts[y] = inRow;
  }
  const levels = new Uint32Array(256);
  for (let v = 0; v < 256; v++) levels[v] = h0[v]! + h1[v]! + h2[v]! + h3[v]!;
  if (inverted) {
    // Each half's sum of 255 - v, exactly: the sums are of integers.
    const full = 255 * half * height;
    left = full - left;
    right = full - right;
  }
  return { left, right, rowCounts, columnCounts, levels };
}

/**
 * Maps a point of the model's square input (size x size) back to the working image, undoing
 * the canvas, the crop and the mirroring; a heatmap uses it to place its peak on the image.
 */
export function viewToWorking(geometry: ViewGeometry, size: number, x: number, y: number): { x: number; y: number } {
  const scale = geometry.canvas / size;
  const cropX = x * scale + geometry.crop.left;
  const cropY = y * scale - geometry.padTop + geometry.crop.top;
  return { x: geometry.flipped ? geometry.workWidth - cropX : cropX, y: cropY };
}

function borderMedian(grey: Uint8Array, width: number, height: number): number {
  const histogram = new Uint32Array(256);
  let count = 0;
  const strip = Math.min(BORDER, width >> 1, height >> 1);
  const add = (from: number, to: number) => {
    for (let i = from; i < to; i++) histogram[grey[i]!]!++;
    count += to - from;
  };
  // Whole rows at the top and bottom, then the left and right ends of the rows between.
  add(0, strip * width);
  add((height - strip) * width, height * width);
  for (let y = strip; y < height - strip; y++) {
    add(y * width, y * width + strip);
    add((y + 1) * width - strip, (y + 1) * width);
  }
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen * 2 >= count) return v;
  }
  return 255;
}

/** The box of the rows and columns that hold tissue; the whole image when it is too small to trust. */
function boxOf(rowCounts: Uint32Array, columnCounts: Uint32Array, width: number, height: number): ViewGeometry['crop'] {
  const [top, bottom] = span(rowCounts, width * TISSUE_SHARE);
  const [left, right] = span(columnCounts, height * TISSUE_SHARE);
  if (bottom - top + 1 < MIN_CROP || right - left + 1 < MIN_CROP) return { left: 0, top: 0, width, height };
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** First and last index whose count exceeds `min`; [0, -1] when none does. */
function span(counts: Uint32Array, min: number): [number, number] {
  let first = -1;
  let last = -1;
  counts.forEach((c, i) => {
    if (c > min) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return first < 0 ? [0, -1] : [first, last];
}
