/**
 * Whether an upload is a mammogram this model reads (issue 20): rules every image is held to,
 * measured at decode, before any inference. The model's own typicality check (a distance in
 * its feature space, from the same forward pass as the verdict) comes with the prediction;
 * see prediction.ts. What is measured is in image-measures.ts. The server decides what a failure means (refuse, warn or nothing).
 */
import type { ImageMeasures } from './image-measures.js';

/** The rule checks, in the order they run. */
export type RuleCheckName = 'dicom_modality' | 'image_size' | 'grey_range' | 'colourfulness';

/** One rule check's finding. */
export interface RuleCheck {
  check: RuleCheckName;
  passed: boolean;
  /** What was measured: a number, or the DICOM Modality. */
  value?: number | string;
  /** The bound it was held to. */
  limit?: number | string;
  /** The finding as a sentence (without the file name). */
  detail: string;
}

/** The model's typicality check on one image: its distance to the fitted mammograms, and the threshold. */
export interface Typicality {
  score: number;
  threshold: number;
  passed: boolean;
}

/**
 * The rule limits: properties of any usable mammogram, not tuned to a data set. Of the 5,541
 * real mammograms measured (RSNA digital, mini-MIAS and DDSM film; the default model's CARD.md),
 * two fail one: an all-black RSNA export (no level above 8) and a DDSM film whose levels reach 21.
 */
export const INPUT_RULES = {
  /** A mammogram export below this on its short side is a thumbnail: too small to hold a breast at a usable resolution. */
  minShortSide: 256,
  /** Detectors are 18x24 cm to 24x30 cm; even a cropped view is far from a banner. */
  maxAspect: 3,
  /** A blank or nearly constant image has almost no spread between its 1st and 99th percentile. */
  minGreyRange: 32,
  /** Mammograms are grey: a few units of JPEG chroma noise at most (Hasler and Süsstrunk call below 15 "not colourful"). */
  maxColourfulness: 12,
} as const;

/** The rule checks as the model card describes them, in order. */
export const RULE_DESCRIPTIONS: ReadonlyArray<{ check: RuleCheckName; description: string }> = [
  {
    check: 'dicom_modality',
    description:
      'DICOM files only: Modality MG or a mammography SOP class passes; CR, DX, OT or SC with Body Part Examined BREAST, and a file with no Modality, go on to the image checks; any other modality is refused.',
  },
  {
    check: 'image_size',
    description: `At least ${INPUT_RULES.minShortSide} px on the short side, and at most ${INPUT_RULES.maxAspect}:1.`,
  },
  {
    check: 'grey_range',
    description: `At least ${INPUT_RULES.minGreyRange} grey levels from the 1st to the 99th percentile of the working image (not blank).`,
  },
  {
    check: 'colourfulness',
    description: `Colourfulness (Hasler and Süsstrunk, 2003) at most ${INPUT_RULES.maxColourfulness}: a mammogram is grey.`,
  },
];

// PS3.3 C.7.3.1.1.1 defined terms, named for messages.
const MODALITY_NAMES: Readonly<Record<string, string>> = {
  MG: 'mammography',
  CT: 'computed tomography',
  MR: 'magnetic resonance',
  NM: 'nuclear medicine',
  PT: 'positron emission tomography',
  US: 'ultrasound',
  CR: 'computed radiography',
  DX: 'digital radiography',
  XA: 'X-ray angiography',
  RF: 'radiofluoroscopy',
  IO: 'intra-oral radiography',
  PX: 'panoramic X-ray',
  OT: 'other',
  SC: 'secondary capture',
  XC: 'external-camera photography',
  ES: 'endoscopy',
  OP: 'ophthalmic photography',
  OPT: 'ophthalmic tomography',
  SM: 'slide microscopy',
  GM: 'general microscopy',
  BMD: 'bone densitometry',
  IVOCT: 'intravascular optical coherence tomography',
  IVUS: 'intravascular ultrasound',
  RTIMAGE: 'radiotherapy image',
  RTDOSE: 'radiotherapy dose',
  SR: 'structured report',
  DOC: 'document',
};

/** Digital Mammography X-Ray and Breast Projection X-Ray Image Storage, For Presentation (PS3.4 B.5). */
const MAMMOGRAPHY_SOP_CLASSES = new Set(['1.2.840.10008.5.1.4.1.1.1.2', '1.2.840.10008.5.1.4.1.1.13.1.4']);

// Projection and capture modalities whose files may hold a mammogram: the body part decides.
const GENERIC_MODALITIES = new Set(['CR', 'DX', 'OT', 'SC']);

const modalityName = (modality: string): string => (MODALITY_NAMES[modality] ? `${modality} (${MODALITY_NAMES[modality]})` : modality);

/** What a DICOM file's tags say the image is: Modality (0008,0060), BodyPartExamined (0018,0015), SOPClassUID (0008,0016). */
export interface DicomTags {
  modality?: string | undefined;
  bodyPart?: string | undefined;
  sopClass?: string | undefined;
}

/** The DICOM rule: what the tags say the image is. */
export function checkDicomModality(info: DicomTags): RuleCheck {
  const { modality, bodyPart, sopClass } = info;
  const base = { check: 'dicom_modality', limit: 'MG' } as const;
  const value = modality ?? '(none)';
  if (modality === 'MG') return { ...base, passed: true, value, detail: `DICOM Modality ${modalityName(modality)}.` };
  // The SOP class speaks where the Modality is silent; a Modality that names another kind is believed.
  if (modality === undefined && sopClass !== undefined && MAMMOGRAPHY_SOP_CLASSES.has(sopClass)) {
    return { ...base, passed: true, value, detail: 'The DICOM file names no Modality, and its SOP class is a mammography image.' };
  }
  if (modality === undefined) {
    return { ...base, passed: true, value, detail: 'The DICOM file names no Modality: left to the image checks.' };
  }
  if (GENERIC_MODALITIES.has(modality) && bodyPart === 'BREAST') {
    return { ...base, passed: true, value, detail: `DICOM Modality ${modalityName(modality)} of the BREAST: left to the image checks.` };
  }
  if ((modality === 'CR' || modality === 'DX') && bodyPart === undefined) {
    return {
      ...base,
      passed: true,
      value,
      detail: `DICOM Modality ${modalityName(modality)} with no Body Part Examined: left to the image checks.`,
    };
  }
  const part = bodyPart === undefined ? '' : ` of the ${bodyPart}`;
  return { ...base, passed: false, value, detail: `Modality ${modalityName(modality)}${part}; this model reads mammograms (MG).` };
}

/** The rule checks of an image's measures (and its DICOM tags, for a DICOM file), in order. */
export function checkImageRules(measures: ImageMeasures, dicom?: DicomTags): RuleCheck[] {
  const { width, height, greyRange, colourfulness } = measures;
  const short = Math.min(width, height);
  const aspect = Math.max(width, height) / Math.max(1, short);
  const sizeOk = short >= INPUT_RULES.minShortSide && aspect <= INPUT_RULES.maxAspect;
  const sizeDetail = !sizeOk
    ? short < INPUT_RULES.minShortSide
      ? `The image is ${width}x${height} px: too small to hold a breast (a mammogram is at least ${INPUT_RULES.minShortSide} px on its short side).`
      : `The image is ${width}x${height} px, ${round(aspect, 1)}:1: too elongated for a mammogram (at most ${INPUT_RULES.maxAspect}:1).`
    : `The image is ${width}x${height} px.`;
  const range = Math.round(greyRange);
  const colour = round(colourfulness, 1);
  return [
    ...(dicom ? [checkDicomModality(dicom)] : []),
    { check: 'image_size', passed: sizeOk, value: short, limit: INPUT_RULES.minShortSide, detail: sizeDetail },
    {
      check: 'grey_range',
      passed: greyRange >= INPUT_RULES.minGreyRange,
      value: range,
      limit: INPUT_RULES.minGreyRange,
      detail:
        greyRange >= INPUT_RULES.minGreyRange
          ? `Its grey levels span ${range} levels (1st to 99th percentile).`
          : `The image is blank or nearly uniform: its grey levels span ${range} levels from the 1st to the 99th percentile (a mammogram spans at least ${INPUT_RULES.minGreyRange}).`,
    },
    {
      check: 'colourfulness',
      passed: colourfulness <= INPUT_RULES.maxColourfulness,
      value: colour,
      limit: INPUT_RULES.maxColourfulness,
      detail:
        colourfulness <= INPUT_RULES.maxColourfulness
          ? `It is grey (colourfulness ${colour}).`
          : `The image is in colour (colourfulness ${colour}; a mammogram is grey, at most ${INPUT_RULES.maxColourfulness}).`,
    },
  ];
}

/** The typicality check's finding as a sentence. */
export function describeTypicality(typicality: Typicality): string {
  const score = round(typicality.score, 1);
  const threshold = round(typicality.threshold, 1);
  return typicality.passed
    ? `The model's typicality check finds it like the mammograms it was fitted on (distance ${score}, threshold ${threshold}).`
    : `The model's typicality check finds it unlike the mammograms it was fitted on (distance ${score}, above the threshold ${threshold}).`;
}

/** The sentence a refusal gives: the file's name (`"scan.dcm: "` or empty), then why. */
export function notAMammogramMessage(name: string, reason: string): string {
  return `${name}not a mammogram. ${reason}`;
}

/**
 * Why an image is not taken for a mammogram, as a sentence, or undefined when it passed:
 * the first failed rule, else a failed typicality check.
 */
export function inputCheckFailure(checks: readonly RuleCheck[], typicality?: Typicality): string | undefined {
  const failed = checks.find((c) => !c.passed);
  if (failed) return failed.detail;
  if (typicality && !typicality.passed) return describeTypicality(typicality);
  return undefined;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
