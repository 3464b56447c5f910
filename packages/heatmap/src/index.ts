// @bcd-api/heatmap: the heatmap as pixels, for Node and browsers alike: the colour scale, the
// sampler that places a model's grid on an image, and the blend over the image. No DOM, no
// node:*, no native code: the server's PNG overlay and the demo page draw with the same code.
export { blendHeatmap, type PixelBytes } from './blend.js';
export { HEATMAP_PALETTE, HEATMAP_STOPS, heatmapAlpha, heatmapColour, type Rgb } from './colour-scale.js';
export { type GridPlacement, type HeatmapGrid, type Size, sampleCanvas, sampleHeatmap, sampleRows } from './sample.js';
