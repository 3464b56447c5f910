// Engine benchmark: the same CNN (same weights) in ONNX and in TensorFlow.js, side by side
// in one run: load time (workers started, model loaded, warm-up pass), one-image latency and
// batch-10 throughput through the core's classifier, plus the largest probability difference
// between the engines. Needs Debian's python3-torch to make the network.
//
//   node bench/engines.mjs [--seconds 10]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClassifier, fileSaveHandler } from '@bcd-api/core';
import { fixture } from '@bcd-api/test-kit';
import * as tf from '@tensorflow/tfjs';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' } } });
const seconds = Number(args.seconds);
const SIZE = 224;
const dir = mkdtempSync(join(tmpdir(), 'bcd-engines-'));

// 1. A MobileNet-sized stack of valid-padded convolutions, built and exported by PyTorch.
const python = `
import json, torch
torch.manual_seed(0)
chans = [3, 32, 64, 128, 256, 256]
layers = []
for i in range(5):
    layers += [torch.nn.Conv2d(chans[i], chans[i + 1], 3, stride=2), torch.nn.ReLU()]
net = torch.nn.Sequential(*layers, torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(256, 1)).eval()
torch.onnx.export(net, torch.zeros(1, 3, ${SIZE}, ${SIZE}), "${dir}/onnx/model.onnx", input_names=["input"], output_names=["logit"],
    dynamic_axes={"input": {0: "n"}, "logit": {0: "n"}}, opset_version=13)
convs = [m for m in net if isinstance(m, torch.nn.Conv2d)]
json.dump({"convs": [[c.weight.tolist(), c.bias.tolist()] for c in convs],
           "dense": [net[-1].weight.tolist(), net[-1].bias.tolist()]}, open("${dir}/weights.json", "w"))
`;
mkdirSync(join(dir, 'onnx'));
execFileSync('/usr/bin/python3', ['-c', python]);
const weights = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8'));

// 2. The same network in TF.js (NHWC): conv kernels OIHW -> HWIO, dense [out,in] -> [in,out].
const model = tf.sequential();
weights.convs.forEach(([w], i) => {
  model.add(
    tf.layers.conv2d({
      ...(i === 0 ? { inputShape: [SIZE, SIZE, 3] } : {}),
      filters: w.length,
      kernelSize: 3,
      strides: 2,
      activation: 'relu',
    }),
  );
});
model.add(tf.layers.globalAveragePooling2d({}));
model.add(tf.layers.dense({ units: 1 }));
weights.convs.forEach(([w, b], i) => {
  model.layers[i].setWeights([tf.tensor4d(w).transpose([2, 3, 1, 0]), tf.tensor1d(b)]);
});
model.layers.at(-1).setWeights([tf.tensor2d(weights.dense[0]).transpose(), tf.tensor1d(weights.dense[1])]);
await model.save(fileSaveHandler(join(dir, 'tfjs')));

const manifest = (engine) => ({
  schema_version: 1,
  name: `bench-cnn-${engine}`,
  version: '1',
  engine,
  weights: engine === 'onnx' ? 'model.onnx' : 'model.json',
  input: {
    name: 'input',
    width: SIZE,
    height: SIZE,
    channels: 3,
    layout: engine === 'onnx' ? 'NCHW' : 'NHWC',
    color: 'RGB',
    scaling: '[0,1]',
  },
  output: { name: 'logit', kind: 'sigmoid_logit' },
  labels: ['Benign', 'Malignant'],
  calibration: { method: 'none' },
  decision_threshold: 0.5,
  risk_levels: [{ level: 'Moderate Risk', icon: '🟡', color: '#ffe066', min: 0, min_inclusive: true, max: 1, max_inclusive: true }],
  card: {
    method: 'benchmark network',
    training_data: { name: 'none', licence: 'none', citation: 'none' },
    evaluation: { protocol: 'none', roc_auc: { value: 0.5 } },
    intended_use: 'benchmark',
    limitations: ['untrained'],
    disclaimer: 'benchmark',
  },
});
for (const engine of ['onnx', 'tfjs']) writeFileSync(join(dir, engine, 'manifest.json'), JSON.stringify(manifest(engine)));

// 3. Measure each engine with the same decoded images.
const rows = [];
const probabilities = {};
for (const engine of ['onnx', 'tfjs']) {
  const t0 = performance.now();
  const classifier = await createClassifier({ modelDir: join(dir, engine), workers: 2 });
  const loadMs = performance.now() - t0;
  const images = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      classifier.decode(fixture(['breast-grey.png', 'breast.jpg', 'breast.webp', 'breast.tiff', 'breast-16bit.png'][i % 5])),
    ),
  );
  probabilities[engine] = (await classifier.classify(images)).map((p) => p.malignantProbability);
  const single = [];
  for (const stop = performance.now() + seconds * 1000; performance.now() < stop || single.length < 5; ) {
    const t = performance.now();
    await classifier.classify([images[single.length % 10]]);
    single.push(performance.now() - t);
  }
  single.sort((a, b) => a - b);
  let batches = 0;
  const tb = performance.now();
  await Promise.all(
    [0, 1].map(async () => {
      for (const stop = tb + seconds * 1000; performance.now() < stop || batches < 2; batches++) await classifier.classify(images);
    }),
  );
  const perSecond = (batches * 10) / ((performance.now() - tb) / 1000);
  await classifier.close();
  rows.push({ engine, backend: classifier.backend, loadMs, p50: single[Math.floor(single.length / 2)], perSecond });
}
rmSync(dir, { recursive: true, force: true });

const diff = Math.max(...probabilities.onnx.map((p, i) => Math.abs(p - probabilities.tfjs[i])));
console.log(
  `## Engines side by side (${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version})\n`,
);
console.log(
  `Network: 5 conv 3x3/2 (32-64-128-256-256) + GAP + dense, ${SIZE}x${SIZE} RGB, same weights in both formats; 2 worker threads each.\n`,
);
console.log(
  '| engine | backend | load + warm-up ms | one image p50 ms | batch of 10: images/s (2 batches in flight) |\n|---|---|---|---|---|',
);
for (const r of rows) {
  console.log(`| ${r.engine} | ${r.backend} | ${r.loadMs.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.perSecond.toFixed(1)} |`);
}
console.log(`\nLargest probability difference between the engines over 10 images: ${diff.toExponential(2)}`);
