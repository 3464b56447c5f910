import { type Classifier, CoreError, createClassifier } from '@bcd-api/core';
import { fixture, openForSuite, tinyModelDir } from '@bcd-api/test-kit';
import { describe, expect, test } from 'vitest';
import { classifyUpload, classifyUploads } from '../src/classify-uploads.js';

const upload = (filename: string, name = filename) => ({ filename, bytes: fixture(name) });
const signal = new AbortController().signal;
const model = openForSuite(() => createClassifier({ modelDir: tinyModelDir, workers: 1 }));

/** The classifier, counting the images each `classify` call was given. */
function counted(classifier: Classifier) {
  const calls: number[] = [];
  const wrapped: Classifier = {
    ...classifier,
    classify: (images, options) => {
      calls.push(images.length);
      return classifier.classify(images, options);
    },
  };
  return { classifier: wrapped, calls };
}

describe('classifyUploads', () => {
  test('classifies the readable files in one call and zips every outcome back in upload order', async () => {
    const { classifier, calls } = counted(model());
    const outcomes = await classifyUploads(
      classifier,
      [upload('a.png', 'breast-grey.png'), upload('b.pdf', 'not-an-image.pdf'), upload('c.jpg', 'breast.jpg')],
      { inputCheck: 'refuse', signal },
    );
    expect(outcomes.map((o) => [o.filename, 'error' in o ? o.error.code : o.prediction.label !== undefined])).toEqual([
      ['a.png', true],
      ['b.pdf', 'UNSUPPORTED_IMAGE'],
      ['c.jpg', true],
    ]);
    expect(calls).toEqual([2]);
  });

  test('runs no inference when every file is refused', async () => {
    const { classifier, calls } = counted(model());
    const outcomes = await classifyUploads(classifier, [upload('empty.png'), upload('cut.png', 'truncated.png')], {
      inputCheck: 'refuse',
      signal,
    });
    expect(outcomes.map((o) => ('error' in o ? o.error.code : 'classified'))).toEqual(['EMPTY_FILE', 'CORRUPT_IMAGE']);
    expect(calls).toEqual([]);
  });

  test('keeps what settle adds to each readable image, and costs no inference when settle refuses the request', async () => {
    const { classifier, calls } = counted(model());
    const files = [upload('a.png', 'breast-grey.png'), upload('b.jpg', 'breast.jpg')];
    const outcomes = await classifyUploads(classifier, files, { inputCheck: 'refuse', signal, settle: (_, i) => ({ place: i }) });
    expect(outcomes.map((o) => ('place' in o ? o.place : undefined))).toEqual([0, 1]);
    const refusal = new Error('no side');
    const refused = classifyUploads(classifier, files, {
      inputCheck: 'refuse',
      signal,
      settle: (d) => {
        if (d.filename === 'b.jpg') throw refusal;
        return {};
      },
    });
    await expect(refused).rejects.toBe(refusal);
    expect(calls).toEqual([2]);
  });

  test('fails the whole request on a failure of the server rather than of a file', async () => {
    const broken: Classifier = {
      ...model(),
      decode: () => Promise.reject(new CoreError('WORKER_FAILED', 'the decoder died')),
    };
    await expect(classifyUploads(broken, [upload('a.png', 'breast-grey.png')], { inputCheck: 'refuse', signal })).rejects.toMatchObject({
      code: 'INFERENCE_INTERRUPTED',
    });
  });
});

describe('classifyUpload', () => {
  test('gives the one file’s result, or throws its error as the request’s', async () => {
    const classified = await classifyUpload(model(), [upload('a.png', 'breast-grey.png')], { inputCheck: 'refuse', signal });
    expect([classified.filename, classified.image.format, classified.assessment.status]).toEqual(['a.png', 'PNG', 'passed']);
    await expect(classifyUpload(model(), [upload('b.pdf', 'not-an-image.pdf')], { inputCheck: 'refuse', signal })).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMAGE',
      status: 400,
    });
  });
});
