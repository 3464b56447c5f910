/**
 * A model's score map for one image, from the same forward pass as its score. Values are raw
 * logits, not probabilities: the manifest's calibration maps the image's score, and a cell
 * is read on that scale (for a class-activation map, the image logit is the cells' mean).
 */
export interface ScoreMap {
  /** Cells across; the grid covers the whole model input (with `mammogram` preprocessing, the square canvas). */
  width: number;
  /** Cells down. */
  height: number;
  /** Raw logits before calibration, row by row, `width * height` of them. */
  values: Float32Array;
}
