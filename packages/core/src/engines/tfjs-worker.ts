// Runs a TensorFlow.js model (LayersModel or GraphModel, loaded from disk, never from the
// network) off the main thread. Uses @tensorflow/tfjs-node when it is installed and loads;
// otherwise @tensorflow/tfjs with the WebAssembly backend.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { io } from '@tensorflow/tfjs';
import { buildInputTensor, type InferenceWorkerData, type InferenceWorkerReply, type InferenceWorkerRequest } from './worker-protocol.js';

type Tf = typeof import('@tensorflow/tfjs');
type Model = import('@tensorflow/tfjs').LayersModel | import('@tensorflow/tfjs').GraphModel;

if (!parentPort) throw new Error('the inference worker must run in a worker thread');
const port = parentPort;
const config = workerData as InferenceWorkerData;
const post = (reply: InferenceWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

async function loadTf(): Promise<{ tf: Tf; backend: string }> {
  // A name in a variable: tfjs-node is optional and must not be resolved at build time.
  const nodeBinding = '@tensorflow/tfjs-node';
  try {
    const tf = (await import(nodeBinding)) as Tf;
    return { tf, backend: 'tensorflow' };
  } catch {
    let tf: Tf;
    try {
      tf = await import('@tensorflow/tfjs');
      await import('@tensorflow/tfjs-backend-wasm');
    } catch (error) {
      // Optional peers of the core: only models with "engine": "tfjs" need them.
      throw new Error(
        `TensorFlow.js is not installed (${error instanceof Error ? error.message : String(error)}); a model with "engine": "tfjs" needs \`npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm\` beside the server`,
      );
    }
    if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WebAssembly backend did not start');
    await tf.ready();
    return { tf, backend: 'wasm' };
  }
}

/** Reads model.json and its weight shards from disk into the artifacts tfjs loads. */
async function readArtifacts(modelJsonPath: string): Promise<{ format: string | undefined; artifacts: io.ModelArtifacts }> {
  // tfjs's own type of the file; the fields it needs are checked below before use.
  const json: Partial<io.ModelJSON> = JSON.parse(await readFile(modelJsonPath, 'utf8'));
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error('model.json has no modelTopology or weightsManifest');
  }
  const folder = dirname(modelJsonPath);
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest) {
    for (const path of group.paths) {
      const file = join(folder, path);
      const inside = relative(folder, file);
      if (inside.startsWith('..') || isAbsolute(inside)) throw new Error(`weight file ${path} is outside the model folder`);
      buffers.push(await readFile(file));
    }
  }
  const all = Buffer.concat(buffers);
  return {
    format: json.format,
    // model.json is the TF.js format itself; its fields pass through as tfjs reads them.
    artifacts: {
      modelTopology: json.modelTopology,
      ...(json.format === undefined ? {} : { format: json.format }),
      ...(json.generatedBy === undefined ? {} : { generatedBy: json.generatedBy }),
      convertedBy: json.convertedBy ?? null,
      ...(json.signature === undefined ? {} : { signature: json.signature }),
      ...(json.userDefinedMetadata === undefined ? {} : { userDefinedMetadata: json.userDefinedMetadata }),
      ...(json.modelInitializer === undefined ? {} : { modelInitializer: json.modelInitializer }),
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
    },
  };
}

async function main(): Promise<void> {
  let tf: Tf;
  let model: Model;
  let backend: string;
  let isGraph: boolean;
  try {
    ({ tf, backend } = await loadTf());
    const { format, artifacts } = await readArtifacts(config.weightsPath);
    const handler = { load: async () => artifacts };
    isGraph = format === 'graph-model';
    model = isGraph ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  } catch (error) {
    post({ type: 'load-error', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  // One output per run: a LayersModel's outputs have no names to ask for (the manifest
  // refuses a score map for tfjs; this guards a caller that starts the engine directly).
  const [outputName] = config.outputNames;
  if (outputName === undefined || config.outputNames.length > 1) {
    post({ type: 'load-error', message: `the TF.js engine reads exactly one output; it was asked for [${config.outputNames.join(', ')}]` });
    return;
  }
  if (isGraph && !(model as import('@tensorflow/tfjs').GraphModel).outputNodes.includes(outputName)) {
    const graph = model as import('@tensorflow/tfjs').GraphModel;
    post({
      type: 'load-error',
      message: `the graph model has outputs [${graph.outputNodes.join(', ')}]; the manifest names output "${outputName}"`,
    });
    return;
  }
  post({ type: 'ready', backend: `tfjs (${backend})` });
  port.on('message', async (request: InferenceWorkerRequest) => {
    try {
      const { data: input, dims } = buildInputTensor(request, config.layout);
      const output = tf.tidy(() => {
        const x = tf.tensor(input, dims, 'float32');
        const y = isGraph
          ? ((model as import('@tensorflow/tfjs').GraphModel).execute(
              { [config.inputName]: x },
              outputName,
            ) as import('@tensorflow/tfjs').Tensor)
          : ((model as import('@tensorflow/tfjs').LayersModel).predict(x) as import('@tensorflow/tfjs').Tensor);
        return y.asType('float32');
      });
      const data = new Float32Array(await output.data());
      const shape = [...output.shape];
      output.dispose();
      post({ type: 'result', id: request.id, outputs: [{ data, dims: shape }] }, [data.buffer as ArrayBuffer]);
    } catch (error) {
      post({ type: 'run-error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
}

void main();
