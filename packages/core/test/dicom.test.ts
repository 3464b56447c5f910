// DICOM decoding on a real film: every transfer syntax the core reads, in 8 and 16 bits,
// MONOCHROME1 and 2, signed and unsigned, each file made from the mini-MIAS film mdb001 by
// pydicom and DCMTK (GDCM for JPEG 2000) in a temporary folder, never committed, and checked
// against the film itself.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DICOM_IDENTIFIERS,
  type DicomSpec,
  type DicomSyntax,
  filmPath,
  miniMiasDir,
  requireDicomTools,
  transcodeDicom,
  warnSkipped,
  withoutFileMeta,
  withoutPreamble,
  writeDicom,
} from '@bcd-api/test-kit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DecodeOptions, decodeImage } from '../src/decode-image.js';
import type { DecodedImage } from '../src/decoded-image.js';
import type { DicomInfo } from '../src/dicom/dicom-info.js';

const tools = requireDicomTools('the DICOM decoding tests');
if (!miniMiasDir) warnSkipped('the DICOM decoding tests on a real film');
const ready = tools && miniMiasDir !== undefined;

const STRETCH = { width: 224, height: 224 } as const;
/** The SOP class write-dicom.py gives an image: Digital Mammography X-Ray Image Storage - For Presentation. */
const DIGITAL_MAMMOGRAPHY_FOR_PRESENTATION = '1.2.840.10008.5.1.4.1.1.1.2';
const MAMMOGRAM = { width: 256, height: 256, preprocessing: 'mammogram' } as const;

const LOSSLESS: DicomSyntax[] = ['explicit', 'implicit', 'deflated', 'jpeg-lossless', 'jpeg-lossless-sv1', 'jpeg-ls', 'jpeg2000', 'rle'];
const LOSSY_8: DicomSyntax[] = ['jpeg-baseline', 'jpeg-ls-near', 'jpeg2000-lossy'];
// JPEG Baseline holds 8 bits only.
const LOSSY_16: DicomSyntax[] = ['jpeg-ls-near', 'jpeg2000-lossy'];

/** Lossy files must stay this close to their source: mean absolute difference of the model's RGB input, in grey levels. */
const LOSSY_MEAN_ABS_DIFF = 2;
/** ... and each of mean and standard deviation of intensity within this many levels. */
const LOSSY_STAT_DIFF = 1;

/** The names PS3.6 gives each syntax: DicomInfo.transferSyntax must say them. */
const NAMES: Record<DicomSyntax, string> = {
  implicit: 'Implicit VR Little Endian',
  explicit: 'Explicit VR Little Endian',
  deflated: 'Deflated Explicit VR Little Endian',
  'jpeg-baseline': 'JPEG Baseline (Process 1)',
  'jpeg-extended': 'JPEG Extended (Process 2 & 4)',
  'jpeg-lossless': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  'jpeg-lossless-sv1': 'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
  'jpeg-ls': 'JPEG-LS Lossless Image Compression',
  'jpeg-ls-near': 'JPEG-LS Lossy (Near-Lossless) Image Compression',
  jpeg2000: 'JPEG 2000 Image Compression (Lossless Only)',
  'jpeg2000-lossy': 'JPEG 2000 Image Compression',
  rle: 'RLE Lossless',
};

/** Every identifying value and each part of a name, as a leak would show it. */
const IDENTIFYING = Object.values(DICOM_IDENTIFIERS)
  .flatMap((value) => [value, ...value.split('^')])
  .filter((value) => value.length >= 4);

function expectNoIdentifyingValue(image: DecodedImage): void {
  const { rgb: _pixels, ...rest } = image;
  const json = JSON.stringify(rest);
  for (const value of IDENTIFYING) expect(json, `leaks ${value}`).not.toContain(value);
}

function expectSamePixels(actual: DecodedImage, expected: DecodedImage): void {
  expect(actual.rgb.length).toBe(expected.rgb.length);
  let differing = 0;
  for (let i = 0; i < actual.rgb.length; i++) if (actual.rgb[i] !== expected.rgb[i]) differing++;
  expect(differing, 'bytes that differ').toBe(0);
  expect(actual.statistics).toEqual(expected.statistics);
  expect(actual.view).toEqual(expected.view);
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
}

function difference(actual: DecodedImage, expected: DecodedImage): { meanAbs: number; max: number; mean: number; std: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < actual.rgb.length; i++) {
    const d = Math.abs(actual.rgb[i]! - expected.rgb[i]!);
    sum += d;
    max = Math.max(max, d);
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    meanAbs: round(sum / actual.rgb.length),
    max,
    mean: round(Math.abs(actual.statistics.meanIntensity - expected.statistics.meanIntensity)),
    std: round(Math.abs(actual.statistics.stdIntensity - expected.statistics.stdIntensity)),
  };
}

describe.skipIf(!ready)('decodeImage on DICOM made from the film mdb001', () => {
  let dir = '';
  let width = 0;
  let height = 0;
  let film = new Uint8Array(0);
  /** The film PNG, decoded: what every lossless 8-bit file must give. */
  const reference: Record<'stretch' | 'mammogram', DecodedImage | undefined> = { stretch: undefined, mammogram: undefined };
  const files = new Map<string, string>();
  const lossyFigures: string[] = [];

  const decode = (key: string, options: DecodeOptions = STRETCH) => {
    const path = files.get(key);
    if (!path) throw new Error(`no generated file ${key}`);
    return decodeImage(readFileSync(path), { ...options, filename: `${key}.dcm` });
  };
  const ref = (which: 'stretch' | 'mammogram') => reference[which]!;
  /** The PNG of grey levels computed here from the film, decoded: what a file whose VOI gives them must decode to. */
  const expectedFrom = async (level: (value: number) => number) => {
    const grey = film.map((value) => Math.min(255, Math.max(0, Math.round(level(value)))));
    return decodeImage(
      await sharp(grey, { raw: { width, height, channels: 1 } })
        .png()
        .toBuffer(),
      STRETCH,
    );
  };

  /** Writes `pixels` with `spec` under `name`, then transcodes it into each of `syntaxes` as `name/syntax`. */
  const make = (
    name: string,
    spec: Omit<DicomSpec, 'rows' | 'columns'>,
    pixels: Uint8Array | Uint16Array | Int16Array,
    syntaxes: DicomSyntax[] = [],
  ) => {
    const source = writeDicom(join(dir, `${name}.dcm`), { rows: height, columns: width, ...spec }, pixels);
    files.set(name, source);
    for (const syntax of syntaxes) files.set(`${name}/${syntax}`, transcodeDicom(source, syntax, join(dir, `${name}.${syntax}.dcm`)));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bcd-dicom-'));
    const { data, info } = await sharp(filmPath('mdb001')).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(1);
    [width, height, film] = [info.width, info.height, new Uint8Array(data)];
    const png = readFileSync(filmPath('mdb001'));
    reference.stretch = await decodeImage(png, STRETCH);
    reference.mammogram = await decodeImage(png, MAMMOGRAM);

    const tags = { ImageLaterality: 'L', ViewPosition: 'MLO', PresentationIntentType: 'FOR PRESENTATION' };
    // c = 128, w = 256 maps 0-255 onto itself (PS3.3 C.11.2.1.2.1).
    const identity8 = { bitsAllocated: 8, bitsStored: 8, windowCenter: 128, windowWidth: 256, ...tags } as const;
    make('mono2-8', { ...identity8, photometricInterpretation: 'MONOCHROME2' }, film, [...LOSSLESS, ...LOSSY_8]);
    make(
      'mono1-8',
      { ...identity8, photometricInterpretation: 'MONOCHROME1' },
      film.map((v) => 255 - v),
      LOSSLESS,
    );

    // 12 bits that carry the film in their top 8 and a ramp in the low 4, so that every bit matters.
    const film16 = Uint16Array.from(film, (v, i) => v * 16 + (((i % width) + Math.floor(i / width)) % 16));
    const window16 = { bitsAllocated: 16, bitsStored: 12, windowCenter: 2048, windowWidth: 4096, ...tags } as const;
    make('mono2-16', { ...window16, photometricInterpretation: 'MONOCHROME2' }, film16, [...LOSSLESS, ...LOSSY_16]);
    make(
      'mono1-16',
      { ...window16, photometricInterpretation: 'MONOCHROME1' },
      film16.map((v) => 4095 - v),
      LOSSLESS,
    );
    // The same values signed, brought back by the rescale intercept.
    const signed = Int16Array.from(film16, (v) => v - 2048);
    make(
      'signed-16',
      { ...window16, photometricInterpretation: 'MONOCHROME2', pixelRepresentation: 1, rescaleIntercept: 2048, rescaleSlope: 1 },
      signed,
      LOSSLESS,
    );
    // The same values 4 bits up their word: BitsStored 12, HighBit 15.
    make(
      'high-bit-16',
      { ...window16, photometricInterpretation: 'MONOCHROME2', highBit: 15 },
      film16.map((v) => v << 4),
    );
  }, 300_000);

  afterAll(() => {
    if (lossyFigures.length > 0) console.log(`lossy DICOM against its source:\n${lossyFigures.join('\n')}`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('8-bit MONOCHROME2', () => {
    test.each(LOSSLESS)('%s gives exactly the pixels and statistics of the film PNG, with either preprocessing', async (syntax) => {
      for (const which of ['stretch', 'mammogram'] as const) {
        const image = await decode(`mono2-8/${syntax}`, which === 'stretch' ? STRETCH : MAMMOGRAM);
        expectSamePixels(image, ref(which));
        expect(image.format).toBe('DICOM');
        expectNoIdentifyingValue(image);
      }
    });

    test.each(LOSSLESS)('%s reports what the file says of the image, and nothing of the patient', async (syntax) => {
      const image = await decode(`mono2-8/${syntax}`);
      expect(image.dicom).toEqual({
        modality: 'MG',
        laterality: 'L',
        view: 'MLO',
        presentationIntent: 'FOR PRESENTATION',
        photometricInterpretation: 'MONOCHROME2',
        bitsStored: 8,
        transferSyntax: NAMES[syntax],
        sopClass: DIGITAL_MAMMOGRAPHY_FOR_PRESENTATION,
      } satisfies DicomInfo);
      expectNoIdentifyingValue(image);
    });

    test.each(LOSSY_8)(
      `%s stays within ${LOSSY_MEAN_ABS_DIFF} levels of the film on average, its statistics within ${LOSSY_STAT_DIFF}`,
      async (syntax) => {
        const image = await decode(`mono2-8/${syntax}`);
        const diff = difference(image, ref('stretch'));
        lossyFigures.push(`  8-bit ${syntax}: ${JSON.stringify(diff)}`);
        expect(diff.meanAbs).toBeLessThan(LOSSY_MEAN_ABS_DIFF);
        expect(diff.mean).toBeLessThan(LOSSY_STAT_DIFF);
        expect(diff.std).toBeLessThan(LOSSY_STAT_DIFF);
        expect(image.dicom?.transferSyntax).toBe(NAMES[syntax]);
        expectNoIdentifyingValue(image);
      },
    );

    test('reads a file without its preamble, and a bare data set without file meta, as the whole file', async () => {
      const whole = await decode('mono2-8/explicit');
      for (const [syntax, strip] of [
        ['explicit', withoutPreamble],
        ['explicit', withoutFileMeta],
        ['implicit', withoutFileMeta],
        ['jpeg-ls', withoutPreamble],
      ] as const) {
        const bytes = strip(readFileSync(files.get(`mono2-8/${syntax}`)!));
        const image = await decodeImage(bytes, { ...STRETCH, filename: 'stripped.dcm' });
        expectSamePixels(image, whole);
        expect(image.dicom).toEqual({ ...whole.dicom, transferSyntax: NAMES[syntax] });
      }
    });
  });

  describe('8-bit MONOCHROME1', () => {
    test.each(LOSSLESS)('%s of the inverted film gives the film itself', async (syntax) => {
      const image = await decode(`mono1-8/${syntax}`);
      expectSamePixels(image, ref('stretch'));
      expect(image.dicom?.photometricInterpretation).toBe('MONOCHROME1');
    });
  });

  describe('16-bit (12 stored)', () => {
    test.each(LOSSLESS.filter((s) => s !== 'explicit'))('%s gives exactly the pixels of the uncompressed file', async (syntax) => {
      const image = await decode(`mono2-16/${syntax}`);
      expectSamePixels(image, await decode('mono2-16/explicit'));
      expect(image.dicom).toMatchObject({ bitsStored: 12, transferSyntax: NAMES[syntax] });
      expectNoIdentifyingValue(image);
    });

    test('its window brings the film back within two levels', async () => {
      // round(255 v / 4095) with v = 16 f + ramp is f or f + 1; resizing may add one more.
      const image = await decode('mono2-16/explicit');
      const diff = difference(image, ref('stretch'));
      expect(diff.max).toBeLessThanOrEqual(2);
      expect(diff.mean).toBeLessThan(0.5);
    });

    test.each(LOSSLESS)('MONOCHROME1 %s of the inverted values gives the MONOCHROME2 image', async (syntax) => {
      expectSamePixels(await decode(`mono1-16/${syntax}`), await decode('mono2-16/explicit'));
    });

    test.each(LOSSLESS)('signed %s, rescaled by its intercept, gives the unsigned image', async (syntax) => {
      expectSamePixels(await decode(`signed-16/${syntax}`), await decode('mono2-16/explicit'));
    });

    test('reads 16-bit words from a Buffer that starts at an odd offset of its memory', async () => {
      const file = readFileSync(files.get('mono2-16/explicit')!);
      const odd = Buffer.concat([Buffer.alloc(1), file]).subarray(1);
      expect(odd.byteOffset % 2).toBe(1);
      expectSamePixels(await decodeImage(odd, STRETCH), await decode('mono2-16/explicit'));
    });

    test('takes BitsStored from below HighBit', async () => {
      expectSamePixels(await decode('high-bit-16'), await decode('mono2-16/explicit'));
    });

    test.each(LOSSY_16)(
      `%s stays within ${LOSSY_MEAN_ABS_DIFF} levels of the uncompressed file on average, its statistics within ${LOSSY_STAT_DIFF}`,
      async (syntax) => {
        const diff = difference(await decode(`mono2-16/${syntax}`), await decode('mono2-16/explicit'));
        lossyFigures.push(`  16-bit ${syntax}: ${JSON.stringify(diff)}`);
        expect(diff.meanAbs).toBeLessThan(LOSSY_MEAN_ABS_DIFF);
        expect(diff.mean).toBeLessThan(LOSSY_STAT_DIFF);
        expect(diff.std).toBeLessThan(LOSSY_STAT_DIFF);
      },
    );
  });

  describe('the VOI step on the film', () => {
    const eight = { bitsAllocated: 8, bitsStored: 8, photometricInterpretation: 'MONOCHROME2' } as const;

    test('without a window, maps the full range of the stored bits: 8 bits read as the film itself', async () => {
      make('no-window', eight, film);
      expectSamePixels(await decode('no-window'), ref('stretch'));
    });

    test('takes the first of several windows', async () => {
      make('two-windows', { ...eight, windowCenter: [128, 40], windowWidth: [256, 80] }, film);
      expectSamePixels(await decode('two-windows'), ref('stretch'));
    });

    test('reads LINEAR_EXACT: centre 127.5 and width 255 keep the film', async () => {
      make('linear-exact', { ...eight, windowCenter: 127.5, windowWidth: 255, voiLutFunction: 'LINEAR_EXACT' }, film);
      expectSamePixels(await decode('linear-exact'), ref('stretch'));
    });

    test('reads SIGMOID', async () => {
      make('sigmoid', { ...eight, windowCenter: 100, windowWidth: 80, voiLutFunction: 'SIGMOID' }, film);
      expectSamePixels(await decode('sigmoid'), await expectedFrom((v) => 255 / (1 + Math.exp((-4 * (v - 100)) / 80))));
    });

    test('applies the rescale slope before the window', async () => {
      const spec = { ...eight, bitsAllocated: 16, rescaleSlope: 16, rescaleIntercept: 3, windowCenter: 2048, windowWidth: 4096 } as const;
      make('slope', spec, Uint16Array.from(film));
      expectSamePixels(await decode('slope'), await expectedFrom((v) => ((16 * v + 3 - 2047.5) / 4095 + 0.5) * 255));
    });

    test('reads a VOI LUT Sequence when there is no window', async () => {
      // 4096 entries of 8 bits: the 12-bit value's top 8 bits, which are the film.
      const voiLut = { descriptor: [4096, 0, 8] as [number, number, number], data: Array.from({ length: 4096 }, (_, i) => i >> 4) };
      const film16 = Uint16Array.from(film, (v, i) => v * 16 + (i % 16));
      for (const syntax of ['explicit', 'implicit'] as const) {
        make(`voi-lut-${syntax}`, { bitsAllocated: 16, bitsStored: 12, photometricInterpretation: 'MONOCHROME2', syntax, voiLut }, film16);
        expectSamePixels(await decode(`voi-lut-${syntax}`), ref('stretch'));
      }
    });
  });

  describe('tags', () => {
    test('takes the laterality from Laterality when ImageLaterality is absent, and reports no PresentationIntentType it lacks', async () => {
      make(
        'series-laterality',
        { bitsAllocated: 8, bitsStored: 8, photometricInterpretation: 'MONOCHROME2', Laterality: 'R', ViewPosition: 'CC' },
        film,
      );
      const image = await decode('series-laterality');
      expect(image.dicom).toEqual({
        modality: 'MG',
        laterality: 'R',
        view: 'CC',
        photometricInterpretation: 'MONOCHROME2',
        bitsStored: 8,
        transferSyntax: 'Explicit VR Little Endian',
        sopClass: DIGITAL_MAMMOGRAPHY_FOR_PRESENTATION,
      });
    });
  });

  describe('RGB', () => {
    let colourReference: DecodedImage | undefined;

    beforeAll(async () => {
      const rgb = new Uint8Array(film.length * 3);
      for (const [i, v] of film.entries()) rgb.set([v, 255 - v, v >> 1], 3 * i);
      const spec = { bitsAllocated: 8, bitsStored: 8, samplesPerPixel: 3, photometricInterpretation: 'RGB' } as const;
      make('rgb', spec, rgb, ['rle', 'jpeg-lossless-sv1', 'jpeg-ls', 'jpeg2000', 'jpeg-baseline']);
      colourReference = await decodeImage(
        await sharp(rgb, { raw: { width, height, channels: 3 } })
          .png()
          .toBuffer(),
        STRETCH,
      );
    }, 120_000);

    test.each(['explicit', 'rle', 'jpeg-lossless-sv1', 'jpeg-ls', 'jpeg2000'] as const)(
      '%s gives exactly the pixels of the same RGB as PNG',
      async (syntax) => {
        const image = await decode(syntax === 'explicit' ? 'rgb' : `rgb/${syntax}`);
        expectSamePixels(image, colourReference!);
        expect(image.dicom).toMatchObject({ photometricInterpretation: 'RGB', transferSyntax: NAMES[syntax] });
      },
    );

    test('JPEG Baseline in YBR_FULL_422 comes out as RGB within the lossy tolerance', async () => {
      const image = await decode('rgb/jpeg-baseline');
      const diff = difference(image, colourReference!);
      lossyFigures.push(`  RGB jpeg-baseline (YBR_FULL_422): ${JSON.stringify(diff)}`);
      expect(image.dicom?.photometricInterpretation).toBe('YBR_FULL_422');
      expect(diff.meanAbs).toBeLessThan(LOSSY_MEAN_ABS_DIFF);
      expect(diff.mean).toBeLessThan(LOSSY_STAT_DIFF);
    });
  });
});
