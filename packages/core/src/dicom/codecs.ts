/**
 * The compressed-pixel codecs, loaded the first time a file needs one and then kept: the
 * WebAssembly builds of the Cornerstone project (libjpeg-turbo, CharLS, OpenJPEG) and
 * jpeg-lossless-decoder-js for JPEG Lossless above 8 bits. They are CommonJS modules without types, so they
 * are loaded through `require` and given the small types below (their C++ wrappers' API, see
 * https://github.com/cornerstonejs/codecs).
 */
import { createRequire } from 'node:module';

/** Samples out of a codec: interleaved, one 8- or 16-bit unsigned word each (signed data as its bit pattern). */
export interface DecodedFrame {
  width: number;
  height: number;
  components: number;
  samples: Uint8Array | Uint16Array;
}

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  delete(): void;
}

interface CharlsDecoder extends WasmDecoder {
  /** 0: planes one after another; 1: by line; 2: by pixel (ITU-T T.87 / CharLS). */
  getInterleaveMode(): number;
}

type WasmModule<Name extends string, Decoder> = { [key in Name]: new () => Decoder };

interface LosslessDecoder {
  decode(buffer: ArrayBuffer, offset: number, length: number, bytesPerSample: number): Uint8Array | Uint16Array;
  xDim: number;
  yDim: number;
  numComp: number;
}

const require = createRequire(import.meta.url);

/** Loads a codec once; a failed load is forgotten so that the next file tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** A WebAssembly codec and what it last printed: OpenJPEG, for one, prints progress on every decode. */
interface Wasm<Name extends string, Decoder> {
  module: WasmModule<Name, Decoder>;
  printed: string[];
}

function wasm<Name extends string, Decoder>(specifier: string): () => Promise<Wasm<Name, Decoder>> {
  return once(async () => {
    const printed: string[] = [];
    // Kept for an error's cause, never written to the console: the core does not log.
    const print = (line: string) => {
      printed.push(line);
      if (printed.length > 8) printed.shift();
    };
    // The decode-only builds: the packages' default entries also carry the encoders.
    const factory = require(specifier) as (module: object) => Promise<WasmModule<Name, Decoder>>;
    return { module: await factory({ print, printErr: print }), printed };
  });
}

const libjpegTurbo = wasm<'JPEGDecoder', WasmDecoder>('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs');
const charls = wasm<'JpegLSDecoder', CharlsDecoder>('@cornerstonejs/codec-charls/decodewasmjs');
const openjpeg = wasm<'J2KDecoder', WasmDecoder>('@cornerstonejs/codec-openjpeg/decodewasmjs');
const jpegLossless = once(async () => require('jpeg-lossless-decoder-js') as { Decoder: new () => LosslessDecoder });

/** Runs a WebAssembly decoder over one frame and copies its pixels out of the module's memory. */
function runWasm<Decoder extends WasmDecoder>(
  decoder: Decoder,
  printed: string[],
  encoded: Uint8Array,
  after?: (decoder: Decoder) => void,
): DecodedFrame {
  printed.length = 0;
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    after?.(decoder);
    const info = decoder.getFrameInfo();
    const bytesPerSample = info.bitsPerSample > 8 ? 2 : 1;
    // A copy: the decoded buffer is a Uint8ClampedArray view of the module's memory, which delete() frees.
    const bytes = new Uint8Array(decoder.getDecodedBuffer());
    if (bytes.length !== info.width * info.height * info.componentCount * bytesPerSample) {
      throw new Error(`the codec gave ${bytes.length} bytes for ${info.width}x${info.height} ${info.bitsPerSample}-bit samples`);
    }
    const samples = bytesPerSample === 2 ? new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2) : bytes;
    return { width: info.width, height: info.height, components: info.componentCount, samples };
  } catch (error) {
    // The C++ wrappers throw bare numbers: the codec's own words are in what it printed.
    throw new Error(`the codec failed${printed.length > 0 ? `: ${printed.join(' | ')}` : ''}`, { cause: error });
  } finally {
    decoder.delete();
  }
}

/** JPEG Baseline (Process 1), or any 8-bit JPEG libjpeg-turbo reads; colour comes out as RGB, YCbCr converted. */
export async function decodeJpegBaseline(encoded: Uint8Array): Promise<DecodedFrame> {
  const { module, printed } = await libjpegTurbo();
  return runWasm(new module.JPEGDecoder(), printed, encoded);
}

/** JPEG-LS lossless and near-lossless (CharLS); colour comes out interleaved by pixel. */
export async function decodeJpegLs(encoded: Uint8Array): Promise<DecodedFrame> {
  const { module, printed } = await charls();
  let interleave = 2;
  const decoded = runWasm(new module.JpegLSDecoder(), printed, encoded, (decoder) => {
    interleave = decoder.getInterleaveMode();
  });
  // CharLS hands line-interleaved colour back by pixel already; only planes need reordering.
  return decoded.components === 1 || interleave !== 0
    ? decoded
    : { ...decoded, samples: planesToPixels(decoded.samples, decoded.width * decoded.height, decoded.components) };
}

/** JPEG 2000 (OpenJPEG), reversible or not; signed samples come out sign-extended to 16 bits. */
export async function decodeJpeg2000(encoded: Uint8Array): Promise<DecodedFrame> {
  const { module, printed } = await openjpeg();
  return runWasm(new module.J2KDecoder(), printed, encoded);
}

/**
 * JPEG Lossless, Process 14, any predictor. 8-bit streams go to libjpeg-turbo (3.x decodes
 * lossless JPEG); 9- to 16-bit ones to jpeg-lossless-decoder-js, which the 8-bit build of
 * libjpeg-turbo cannot take. Not the other way round: jpeg-lossless-decoder-js 2.1.2 dropped
 * the last pixel of an RGB film (its colour path reads AC codes that lossless JPEG has not).
 */
export async function decodeJpegLossless(encoded: Uint8Array, bytesPerSample: 1 | 2): Promise<DecodedFrame> {
  if (bytesPerSample === 1) return decodeJpegBaseline(encoded);
  const { Decoder } = await jpegLossless();
  const decoder = new Decoder();
  // It reads a view of the buffer at the offset given, and writes only to its own output.
  const samples = decoder.decode(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.byteLength, bytesPerSample);
  return { width: decoder.xDim, height: decoder.yDim, components: decoder.numComp, samples };
}

/**
 * Turns one plane per component (`plane` samples each) into pixel-interleaved samples: for
 * JPEG-LS colour in planes, and for native colour data with PlanarConfiguration 1.
 */
export function planesToPixels(samples: Uint8Array | Uint16Array, plane: number, components: number): Uint8Array | Uint16Array {
  const out = samples instanceof Uint16Array ? new Uint16Array(samples.length) : new Uint8Array(samples.length);
  for (let c = 0; c < components; c++) {
    for (let i = 0; i < plane; i++) out[i * components + c] = samples[c * plane + i] ?? 0;
  }
  return out;
}
