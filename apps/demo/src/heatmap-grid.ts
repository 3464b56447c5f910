// The one place where the page turns the API's heatmap (snake_case, as the spec spells the wire)
// into the grid that @bcd-api/heatmap samples (camelCase), the same package the server's PNG
// overlay draws with.
import type { Heatmap } from '@bcd-api/contract';
import type { HeatmapGrid } from '@bcd-api/heatmap';

/**
 * The grid of an `/explain` answer's `heatmap`, for `sampleRows`/`sampleCanvas`: its cells and
 * values as they are, its `grid_to_image` placement renamed.
 *
 * @example
 * const values = sampleCanvas(toHeatmapGrid(data.heatmap), image, canvas);
 */
export function toHeatmapGrid(heatmap: Pick<Heatmap, 'width' | 'height' | 'values' | 'grid_to_image'>): HeatmapGrid {
  const { scale_x, offset_x, scale_y, offset_y } = heatmap.grid_to_image;
  return {
    width: heatmap.width,
    height: heatmap.height,
    values: heatmap.values,
    gridToImage: { scaleX: scale_x, offsetX: offset_x, scaleY: scale_y, offsetY: offset_y },
  };
}
