import type { DecodedImage } from '../decoded-image.js';
import type { EngineOutput, InferenceEngine } from '../engines/engine.js';
import { CoreError } from '../errors.js';
import type { ModelManifest } from '../model-manifest.js';

/** The outputs of one forward pass: image scores, and the score maps and typicality distances when the model has them. */
export interface ForwardOutputs {
  scores: Float32Array;
  map?: { data: Float32Array; width: number; height: number };
  typicality?: Float32Array;
}

/** One forward pass over decoded images, its outputs checked against the manifest. */
export type ForwardPass = (images: readonly DecodedImage[], signal?: AbortSignal) => Promise<ForwardOutputs>;

/**
 * The outputs every run fetches, in order: the score, then the score map and the typicality
 * distance when the manifest declares them. One forward pass gives them all: a score map or a
 * typicality costs no second inference.
 */
export function outputNamesOf(manifest: ModelManifest): string[] {
  const scoreMap = manifest.output.score_map;
  const typicality = manifest.input_check?.output;
  return [manifest.output.name, ...(scoreMap ? [scoreMap.name] : []), ...(typicality ? [typicality] : [])];
}

/** Values per image of the score output, as the manifest's output kind says. */
export function scoresPerImage(manifest: ModelManifest): 1 | 2 {
  return manifest.output.kind === 'sigmoid_logit' ? 1 : 2;
}

/**
 * Runs images through an engine started with {@link outputNamesOf} the manifest, in one pass,
 * and checks each output's shape: INVALID_MODEL names the output and the shape it has.
 */
export function createForwardPass(engine: InferenceEngine, manifest: ModelManifest): ForwardPass {
  const outputNames = outputNamesOf(manifest);
  const { input, output } = manifest;
  const bytesPerImage = input.width * input.height * 3;
  const perImage = scoresPerImage(manifest);
  const scoreMapName = output.score_map?.name;
  const typicalityName = manifest.input_check?.output;
  return async (images, signal) => {
    // One buffer for the pass, transferred (not copied) to the worker that builds the tensor.
    const pixels = new Uint8Array(bytesPerImage * images.length);
    for (const [i, image] of images.entries()) pixels.set(image.rgb, i * bytesPerImage);
    const outputs = await engine.run(pixels, images.length, signal);
    const [scores] = outputs;
    if (!scores || scores.data.length !== images.length * perImage) {
      throw new CoreError(
        'INVALID_MODEL',
        `the model gave ${scores?.data.length ?? 0} output values for ${images.length} image(s); the manifest's output kind "${output.kind}" expects ${perImage} per image.`,
      );
    }
    // The engine answers in the order it was asked: each output is found by its name.
    const named = (name: string) => outputs[outputNames.indexOf(name)];
    return {
      scores: scores.data,
      ...(scoreMapName ? { map: readScoreMap(named(scoreMapName), images.length, scoreMapName) } : {}),
      ...(typicalityName ? { typicality: readTypicality(named(typicalityName), images.length, typicalityName) } : {}),
    };
  };
}

/** Checks that a typicality output holds one value per image ([count] or [count, 1]). */
function readTypicality(output: EngineOutput | undefined, count: number, name: string): Float32Array {
  const dims = output?.dims ?? [];
  if (!output || dims[0] !== count || output.data.length !== count || dims.length > 2) {
    throw new CoreError(
      'INVALID_MODEL',
      `the model's typicality output "${name}" has shape [${dims.join(', ')}] for ${count} image(s); "input_check.output" expects [${count}] or [${count}, 1].`,
    );
  }
  return output.data;
}

/** Checks that a score map output is [count, 1, h, w] and reads its grid size. */
function readScoreMap(output: EngineOutput | undefined, count: number, name: string): NonNullable<ForwardOutputs['map']> {
  const dims = output?.dims ?? [];
  const [n, channels, height = 0, width = 0] = dims;
  if (
    !output ||
    dims.length !== 4 ||
    n !== count ||
    channels !== 1 ||
    height < 1 ||
    width < 1 ||
    output.data.length !== count * height * width
  ) {
    throw new CoreError(
      'INVALID_MODEL',
      `the model's score map output "${name}" has shape [${dims.join(', ')}] for ${count} image(s); "output.score_map" expects [${count}, 1, h, w].`,
    );
  }
  return { data: output.data, width, height };
}
