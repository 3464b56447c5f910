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
  const image = inverted ? grey.map((v) => 255 - v) : Uint8Array.from(grey);

  // The breast holds more signal than the background, so the heavier half is the chest wall.
  let left = 0;
  let right = 0;
  const half = width >> 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < half; x++) left += image[row + x]!;
    for (let x = width - half; x < width; x++) right += image[row + x]!;
  }
  const flipped = right > left;
  if (flipped) {
    for (let y = 0; y < height; y++) image.subarray(y * width, (y + 1) * width).reverse();
  }

  const crop = breastBox(image, width, height);
  const canvas = Math.max(crop.width, crop.height);
  const padTop = (canvas - crop.height) >> 1;
  const pixels = new Uint8Array(canvas * canvas);
  for (let y = 0; y < crop.height; y++) {
    const from = (crop.top + y) * width + crop.left;
    pixels.set(image.subarray(from, from + crop.width), (padTop + y) * canvas);
  }
  return { pixels, geometry: { inverted, flipped, crop, canvas, padTop, workWidth: width, workHeight: height } };
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

function breastBox(image: Uint8Array, width: number, height: number): ViewGeometry['crop'] {
  const rowCounts = new Uint32Array(height);
  const columnCounts = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (image[y * width + x]! > TISSUE_LEVEL) {
        rowCounts[y]!++;
        columnCounts[x]!++;
      }
    }
  }
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
