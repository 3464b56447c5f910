import { DISCLAIMER, type ExplainResponse, type PredictionResponse } from '@bcd-api/contract';
import type { Heatmap } from '@bcd-api/core';
import type { ClassifiedUpload } from '../classify-uploads.js';
import { round4, toDicom, toInputCheck, toScreening, toVerdict } from './image-result.js';

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Body of `POST /predict` for one image. */
export function toPredictionResponse({ filename, image, prediction, assessment, screening }: ClassifiedUpload): PredictionResponse {
  return {
    ...toVerdict(prediction),
    image_statistics: {
      brightness: image.statistics.brightness,
      contrast: image.statistics.contrast,
      mean_intensity: image.statistics.meanIntensity,
      std_intensity: image.statistics.stdIntensity,
    },
    image_info: { filename, size: `${image.width}x${image.height}`, format: image.format },
    input_check: toInputCheck(assessment),
    ...(screening ? { screening: toScreening(screening) } : {}),
    ...toDicom(image),
    disclaimer: DISCLAIMER,
  };
}

/** Body of `POST /explain` as JSON: the prediction's body plus its heatmap, values to four decimals. */
export function toExplainResponse(classified: ClassifiedUpload, heatmap: Heatmap): ExplainResponse {
  const { disclaimer, ...predicted } = toPredictionResponse(classified);
  const map = heatmap.gridToImage;
  return {
    ...predicted,
    heatmap: {
      width: heatmap.width,
      height: heatmap.height,
      values: Array.from(heatmap.values, round4),
      peak: {
        x: round1(heatmap.peak.x),
        y: round1(heatmap.peak.y),
        value: round4(heatmap.peak.value),
        column: heatmap.peak.column,
        row: heatmap.peak.row,
      },
      grid_to_image: {
        scale_x: round4(map.scaleX),
        offset_x: round4(map.offsetX),
        scale_y: round4(map.scaleY),
        offset_y: round4(map.offsetY),
      },
      source: 'model_score_map',
    },
    disclaimer,
  };
}
