import type { DicomInfo } from './dicom/dicom-info.js';
import type { ImageStatistics } from './image-statistics.js';
import type { RuleCheck } from './input-check.js';
import type { ViewGeometry } from './mammogram-view.js';
import type { ImageFormat } from './sniff-format.js';

/**
 * How an image becomes the model's input: `stretch` resizes the whole image to the input size
 * (the original API's way); `mammogram` normalises polarity, puts the chest wall on the left,
 * crops to the breast and keeps its aspect on a black square (see mammogram-view.ts).
 */
export type Preprocessing = 'stretch' | 'mammogram';

/** The image as a person sees it (oriented, 8-bit RGB, interleaved), at the size asked for. */
export interface DisplayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** An image decoded, oriented and resized to the model's input size. */
export interface DecodedImage {
  /** Format recognised from the bytes. */
  format: ImageFormat;
  /** Width of the original image after EXIF orientation. */
  width: number;
  /** Height of the original image after EXIF orientation. */
  height: number;
  /** Resized pixels, interleaved 8-bit RGB, `width * height * 3` bytes of the target size. */
  rgb: Uint8Array;
  /**
   * Greyscale statistics of the resized pixels (`stretch`), or of the grey working image
   * before polarity and cropping (`mammogram`), so that they describe the image as sent.
   */
  statistics: ImageStatistics;
  /** With `mammogram` preprocessing: how the model's input maps back onto the image. */
  view?: ViewGeometry;
  /** For a DICOM file: what its tags say about the image (never about the patient). */
  dicom?: DicomInfo;
  /** With `displaySide`: the image to draw on. */
  display?: DisplayImage;
  /**
   * The input check's rules (DICOM modality, size, grey range, colourfulness), measured on this
   * decode: whether the upload looks like a mammogram at all. The caller decides what a failure means.
   */
  inputChecks: RuleCheck[];
}
