// biome-ignore-all lint/style/noNonNullAssertion: pixel loops index typed arrays within their bounds by construction; a check per pixel would check nothing.
/** How a model wants its input tensor laid out. */
export interface TensorLayout {
  width: number;
  height: number;
  /** 3 for RGB, 1 for greyscale (BT.601 luma). */
  channels: 1 | 3;
  layout: 'NCHW' | 'NHWC';
}

/**
 * Writes one image's interleaved 8-bit RGB pixels into `out` at `offset` as float32 in
 * [0, 1], in the layout the model wants. Several images written at consecutive offsets
 * form a batch without another copy.
 */
export function writeInputTensor(rgb: Uint8Array, layout: TensorLayout, out: Float32Array, offset = 0): void {
  const pixels = layout.width * layout.height;
  if (rgb.length !== pixels * 3) {
    throw new RangeError(`expected ${pixels * 3} RGB bytes, got ${rgb.length}`);
  }
  if (layout.channels === 1) {
    for (let p = 0; p < pixels; p++) {
      const i = p * 3;
      out[offset + p] = (0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!) / 255;
    }
    return;
  }
  if (layout.layout === 'NHWC') {
    for (let i = 0; i < pixels * 3; i++) out[offset + i] = rgb[i]! / 255;
    return;
  }
  for (let p = 0; p < pixels; p++) {
    const i = p * 3;
    out[offset + p] = rgb[i]! / 255;
    out[offset + pixels + p] = rgb[i + 1]! / 255;
    out[offset + 2 * pixels + p] = rgb[i + 2]! / 255;
  }
}

/** Number of float32 values one image occupies in the input tensor. */
export function tensorSize(layout: TensorLayout): number {
  return layout.width * layout.height * layout.channels;
}
