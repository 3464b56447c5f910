import { calibrate } from './calibrate.js';
import type { DecodedImage } from './decoded-image.js';
import type { ModelCard } from './model-card.js';
import type { ScoreMap } from './score-map.js';

/**
 * Where a score map lies on the image: the grid point (u, v), in cells, is the image pixel
 * (`offsetX + scaleX * u`, `offsetY + scaleY * v`), in the image's own coordinates (after EXIF
 * orientation). `scaleX` is negative when the model saw the image mirrored.
 */
export interface GridToImage {
  scaleX: number;
  offsetX: number;
  scaleY: number;
  offsetY: number;
}

/** A score map read as probabilities and placed on the image it came from. */
export interface Heatmap {
  /** Cells across. */
  width: number;
  /** Cells down. */
  height: number;
  /** Calibrated malignant probability of each cell, row by row. */
  values: Float32Array;
  /** The highest cell whose centre lies on the image, and that centre in image pixels. */
  peak: { x: number; y: number; value: number; column: number; row: number };
  gridToImage: GridToImage;
}

/**
 * Reads a prediction's score map as a heatmap: each cell's logit through the card's
 * calibration (the probability the image would get if it all scored like that cell), and the
 * grid placed on the image through the preprocessing's geometry. No inference: the map is the
 * one the prediction's forward pass gave.
 *
 * @example
 * const [prediction] = await classifier.classify([image]);
 * if (prediction.scoreMap) buildHeatmap(prediction.scoreMap, image, classifier.card).peak; // { x, y, value, ... }
 */
export function buildHeatmap(scoreMap: ScoreMap, image: DecodedImage, card: Pick<ModelCard, 'calibration' | 'input'>): Heatmap {
  const { width, height } = scoreMap;
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) {
    // A cell whose logit is not a number reads as 0: nothing there says malignant.
    const p = calibrate(card.calibration, scoreMap.values[i] ?? Number.NaN);
    values[i] = Number.isFinite(p) ? p : 0;
  }
  const gridToImage = placeGrid(image, card.input, width, height);

  let best = { index: -1, value: -1 };
  let anyCell = { index: 0, value: -1 };
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    if (value > anyCell.value) anyCell = { index: i, value };
    const centre = cellCentre(gridToImage, i % width, Math.floor(i / width));
    const onImage = centre.x >= 0 && centre.x <= image.width && centre.y >= 0 && centre.y <= image.height;
    if (onImage && value > best.value) best = { index: i, value };
  }
  // A grid entirely off the image cannot happen with the two preprocessings; fall back to the top cell.
  const top = best.index >= 0 ? best : anyCell;
  const column = top.index % width;
  const row = Math.floor(top.index / width);
  const centre = cellCentre(gridToImage, column, row);
  return { width, height, values, peak: { x: centre.x, y: centre.y, value: top.value, column, row }, gridToImage };
}

function cellCentre(map: GridToImage, column: number, row: number): { x: number; y: number } {
  return { x: map.offsetX + map.scaleX * (column + 0.5), y: map.offsetY + map.scaleY * (row + 0.5) };
}

/**
 * The grid covers the model's whole input. With `stretch` that is the whole image; with
 * `mammogram` it is the square canvas, which undoes to the working image (crop, padding,
 * mirroring) and then scales up to the image.
 */
function placeGrid(image: DecodedImage, input: ModelCard['input'], columns: number, rows: number): GridToImage {
  const view = image.view;
  if (input.preprocessing !== 'mammogram' || !view) {
    return { scaleX: image.width / columns, offsetX: 0, scaleY: image.height / rows, offsetY: 0 };
  }
  // Working-image pixels per image pixel differ from 1 only when the image was shrunk to the working size.
  const toImageX = image.width / view.workWidth;
  const toImageY = image.height / view.workHeight;
  const cellX = (view.canvas / columns) * toImageX;
  const cellY = (view.canvas / rows) * toImageY;
  const offsetY = (view.crop.top - view.padTop) * toImageY;
  return view.flipped
    ? { scaleX: -cellX, offsetX: (view.workWidth - view.crop.left) * toImageX, scaleY: cellY, offsetY }
    : { scaleX: cellX, offsetX: view.crop.left * toImageX, scaleY: cellY, offsetY };
}
