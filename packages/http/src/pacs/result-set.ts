import { API_VERSION, DISCLAIMER } from '@bcd-api/contract';
import { buildHeatmap, type Classifier, type Combined, type Heatmap, type StudyCombination, studyRuleText } from '@bcd-api/core';
import {
  type AlgorithmIdentity,
  type CombinedFinding,
  type ImageFinding,
  type ImageReference,
  resultUids,
  SR_STORAGE_CLASSES,
  type SrStorageClass,
  type StudyIdentity,
  writeAnalysisSr,
  writeOverlayCapture,
} from '@bcd-api/pacs';
import { overlayCaption } from '../overlay/overlay-caption.js';
import { ASCII_DISCLAIMER, drawOverlay } from '../overlay/render-overlay.js';
import type { StudyEntry } from '../wire/study.js';

/** Secondary Capture Image Storage: the overlays' SOP class. */
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

/** One stored (or to be stored) result instance. */
export interface ResultInstance {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
}

/** A study's results under one model, as Part 10 files and the UIDs they carry. */
export interface ResultSet {
  report: ResultInstance & { file: Uint8Array };
  overlays: Array<ResultInstance & { sourceSopInstanceUid: string; file: Uint8Array }>;
}

/** What {@link buildResultSet} reads. */
export interface ResultSetInput {
  classifier: Classifier;
  identity: StudyIdentity;
  /** The study's classified images; each `filename` is its SOP Instance UID. */
  entries: readonly StudyEntry[];
  /** Each image's reference, by SOP Instance UID. */
  references: ReadonlyMap<string, ImageReference>;
  combination: StudyCombination;
  srClass: SrStorageClass;
  /** When the analysis was made. */
  now: Date;
}

/**
 * Builds a study's results: for a model with a score map, each image's heatmap overlay as a
 * Secondary Capture (drawn as `POST /explain` draws it), and the TID 1500 report with every
 * probability, each image's peak cell as a region on its source, the rule and the model's
 * identity. The UIDs are derived from the study and the model's SHA-256: built again, the
 * same results have the same UIDs.
 */
export function buildResultSet({ classifier, identity, entries, references, combination, srClass, now }: ResultSetInput): ResultSet {
  const { card } = classifier;
  const uids = resultUids(identity.studyInstanceUid, card.sha256);
  const algorithm: AlgorithmIdentity = {
    name: card.name,
    version: card.version,
    sha256: card.sha256,
    manufacturer: 'Breast Cancer Detection API (bcd-api)',
    softwareVersion: API_VERSION,
  };
  const images: ImageFinding[] = [];
  const overlays: ResultSet['overlays'] = [];
  for (const [index, entry] of entries.entries()) {
    const source = references.get(entry.filename);
    if (!source) throw new Error(`no reference for the classified image ${entry.filename}`);
    const heatmap = entry.prediction.scoreMap ? buildHeatmap(entry.prediction.scoreMap, entry.image, card) : undefined;
    images.push({
      source,
      laterality: entry.laterality,
      ...(entry.view === undefined ? {} : { view: entry.view }),
      malignantPercent: entry.prediction.percentages.malignant,
      ...(heatmap ? { peakRegion: peakCell(heatmap, entry.image) } : {}),
      ...(entry.screening ? { category: entry.screening.category } : {}),
    });
    if (!heatmap) continue;
    const pixels = drawOverlay(entry.image, heatmap, {
      caption: overlayCaption(entry.prediction, entry.assessment),
      disclaimer: ASCII_DISCLAIMER,
    });
    const sopInstanceUid = uids.captureInstance(source.sopInstanceUid);
    const file = writeOverlayCapture({
      identity,
      source: { ...source, laterality: entry.laterality, ...(entry.view === undefined ? {} : { view: entry.view }) },
      pixels,
      uids: { series: uids.captureSeries, instance: sopInstanceUid },
      instanceNumber: index + 1,
      algorithm,
      contentDate: now,
    });
    overlays.push({
      seriesInstanceUid: uids.captureSeries,
      sopInstanceUid,
      sopClassUid: SECONDARY_CAPTURE,
      sourceSopInstanceUid: source.sopInstanceUid,
      file,
    });
  }
  const file = writeAnalysisSr({
    identity,
    images,
    breasts: { left: finding(combination.left), right: finding(combination.right) },
    exam: finding(combination.study),
    rule: { breast: card.studyRule.breast, study: card.studyRule.study, text: studyRuleText(card.studyRule) },
    algorithm,
    disclaimer: DISCLAIMER,
    uids: { series: uids.srSeries, instance: uids.srInstance },
    sopClass: srClass,
    contentDate: now,
  });
  const report = { seriesInstanceUid: uids.srSeries, sopInstanceUid: uids.srInstance, sopClassUid: SR_STORAGE_CLASSES[srClass], file };
  return { report, overlays };
}

function finding(combined: Combined | null): CombinedFinding | null {
  if (!combined) return null;
  const category = combined.screening?.level === 'breast' ? undefined : combined.screening?.category;
  return { malignantPercent: combined.percentages.malignant, images: combined.images, ...(category ? { category } : {}) };
}

/**
 * The heatmap's peak cell as a closed polygon on the source image, in its pixel coordinates
 * (column, row; the image's top-left corner is 0, 0), held to the image: the region an SR's
 * SCOORD names.
 */
export function peakCell(heatmap: Heatmap, image: { width: number; height: number }): Array<[number, number]> {
  const { gridToImage: g, peak } = heatmap;
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  const xs = [g.offsetX + g.scaleX * peak.column, g.offsetX + g.scaleX * (peak.column + 1)].map((x) => clamp(x, image.width));
  const ys = [g.offsetY + g.scaleY * peak.row, g.offsetY + g.scaleY * (peak.row + 1)].map((y) => clamp(y, image.height));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)].map(round2) as [number, number];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)].map(round2) as [number, number];
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
