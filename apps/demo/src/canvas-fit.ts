// How big a card's canvas is for an image, and where a point of the image lands on it. The
// heatmap itself is sampled and blended by @bcd-api/heatmap, as the server's PNG is.
import type { Size } from '@bcd-api/heatmap';

/** The longest side of a drawn canvas, in pixels; larger images are scaled down to it. */
export const MAX_CANVAS_SIDE = 1024;

/** The shortest long side of a drawn canvas: a small image is scaled up to it, so that the peak's ring and label stay sharp. */
export const MIN_CANVAS_SIDE = 512;

/**
 * The canvas size for an image, aspect kept: its own size, scaled down so that the long side
 * is at most `maxSide`, or up so that it is at least `minSide`.
 */
export function fitCanvas(image: Size, maxSide: number = MAX_CANVAS_SIDE, minSide: number = MIN_CANVAS_SIDE): Size {
  const long = Math.max(image.width, image.height, 1);
  const scale = long < minSide ? minSide / long : Math.min(1, maxSide / long);
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/** A point on the canvas for a point of the image (`image` in the pixels of `image_info.size`). */
export function imageToCanvas(point: { x: number; y: number }, image: Size, canvas: Size): { x: number; y: number } {
  return { x: (point.x * canvas.width) / image.width, y: (point.y * canvas.height) / image.height };
}
