// Runs one onnxruntime-node session off the main thread: session.run() blocks the thread
// it is called on, so inference in the main thread would stall every other request.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

import type { EngineOutput } from './engine.js';
import { buildInputTensor, type InferenceWorkerData, type InferenceWorkerReply, type InferenceWorkerRequest } from './worker-protocol.js';

if (!parentPort) throw new Error('the inference worker must run in a worker thread');
const port = parentPort;
const config = workerData as InferenceWorkerData;
const post = (reply: InferenceWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

async function main(): Promise<void> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(config.weightsPath, {
      intraOpNumThreads: config.intraOpThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Memory patterns are planned per input shape; batches of 1 to 10 images each kept
      // their own (peak RSS 2.1 GB against 1.4 GB without, at the same speed).
      enableMemPattern: false,
      // Spinning threads burn the cores that other workers and libvips need.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
    });
  } catch (error) {
    post({ type: 'load-error', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  const missingOutputs = config.outputNames.filter((name) => !session.outputNames.includes(name));
  if (!session.inputNames.includes(config.inputName) || missingOutputs.length > 0) {
    const named = config.outputNames.map((name) => `"${name}"`).join(' and ');
    const lacking = missingOutputs.length > 0 ? `; it has no output ${missingOutputs.map((name) => `"${name}"`).join(' or ')}` : '';
    post({
      type: 'load-error',
      message: `the ONNX graph has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}]; the manifest names input "${config.inputName}" and output${config.outputNames.length > 1 ? 's' : ''} ${named}${lacking}`,
    });
    return;
  }
  post({ type: 'ready', backend: 'onnxruntime-node (cpu)' });
  port.on('message', async (request: InferenceWorkerRequest) => {
    try {
      const { data, dims } = buildInputTensor(request, config.layout);
      const feeds = { [config.inputName]: new ort.Tensor('float32', data, dims) };
      // Every output from one pass: a score map costs no second inference.
      const results = await session.run(feeds, config.outputNames);
      const outputs: EngineOutput[] = config.outputNames.map((name) => {
        const tensor = results[name];
        if (!tensor) throw new Error(`the model gave no output "${name}"`);
        if (tensor.type !== 'float32') throw new Error(`output "${name}" is ${tensor.type}, not float32`);
        return { data: new Float32Array(tensor.data as Float32Array), dims: [...tensor.dims] };
      });
      post(
        { type: 'result', id: request.id, outputs },
        outputs.map((o) => o.data.buffer as ArrayBuffer),
      );
    } catch (error) {
      post({ type: 'run-error', id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
}

void main();
