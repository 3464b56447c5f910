import type { AlgorithmIdentity } from './algorithm-identity.js';
import type { StudyIdentity } from './study-identity.js';

/** The SR storage classes a viewer may want: Comprehensive SR (88.33) or Comprehensive 3D SR (88.34). */
export type SrStorageClass = 'comprehensive' | 'comprehensive-3d';

/** One source image, as a reference names it. */
export interface ImageReference {
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
}

/** What the model found on one image. */
export interface ImageFinding {
  source: ImageReference;
  laterality: 'L' | 'R';
  /** The view as the source image names it, e.g. 'CC' or 'MLO'. */
  view?: string;
  /** The calibrated malignant probability in percent exactly as the API answers it (two decimals), e.g. 46.22. */
  malignantPercent: number;
  /** The heatmap's peak cell as a closed polygon on the source image, [column, row] pixel coordinates, first point repeated last. */
  peakRegion?: ReadonlyArray<readonly [number, number]>;
  /** The screening category words when the model has operating points, e.g. 'likely_normal' | 'elevated' | 'high'. */
  category?: string;
}

/** A probability combined from several images: one breast's, or the exam's. */
export interface CombinedFinding {
  malignantPercent: number;
  /** How many images the value combines. */
  images: number;
  category?: string;
}

/** How image probabilities are combined into a breast's, and breasts' into the exam's. */
export type CombineRule = 'max' | 'min' | 'mean' | 'mean_logit';

/** Everything the analysis SR says, and the UIDs and date it is written under. */
export interface AnalysisSrInput {
  identity: StudyIdentity;
  images: readonly ImageFinding[];
  breasts: { left: CombinedFinding | null; right: CombinedFinding | null };
  exam: CombinedFinding | null;
  /** The rules by name, and in words for people. */
  rule: { breast: CombineRule; study: CombineRule; text: string };
  algorithm: AlgorithmIdentity;
  /** Written verbatim into the report. */
  disclaimer: string;
  uids: { series: string; instance: string };
  sopClass: SrStorageClass;
  /** When the analysis was made: ContentDate/Time, SeriesDate/Time. */
  contentDate: Date;
}
