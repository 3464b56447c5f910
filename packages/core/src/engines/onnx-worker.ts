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

/** A session of the model on `threads` engine threads; `arena` keeps its activation memory between runs. */
const open = (threads: number, arena: boolean) =>
  ort.InferenceSession.create(config.weightsPath, {
    intraOpNumThreads: threads,
    enableCpuMemArena: arena,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Memory patterns are planned per input shape; batches of 1 to 10 images each kept
    // their own (peak RSS 2.1 GB against 1.4 GB without, at the same speed).
    enableMemPattern: false,
    // Spinning threads burn the cores that other workers and libvips need.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });

async function main(): Promise<void> {
  let session: ort.InferenceSession;
  // A pass that runs alone may use the cores the other workers leave idle (issue 24): on 2
  // cores, 24 ms against 34 ms for one image. Its outputs were bit for bit those of the
  // one-thread session on 80 mini-MIAS films, so a result does not depend on the load. It keeps
  // no arena between runs: with one, the 60 s soak's peak RSS rose by 69 MiB (576 to 645), without
  // by 12 (588).
  let solo: ort.InferenceSession | undefined;
  try {
    session = await open(config.intraOpThreads, true);
    if (config.soloThreads > config.intraOpThreads) solo = await open(config.soloThreads, false);
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
      const results = await (request.alone && solo ? solo : session).run(feeds, config.outputNames);
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
