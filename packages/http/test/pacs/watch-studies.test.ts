import type { DicomJson, DicomWebClient } from '@bcd-api/pacs';
import { DicomWebError } from '@bcd-api/pacs';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src/errors/api-error.js';
import { createLogger } from '../../src/logger.js';
import { watchStudies } from '../../src/pacs/watch-studies.js';

/** A PACS of studies (UID → instance count) that QIDO lists; `down` makes every search fail. */
function fakePacs(studies: Map<string, number>) {
  const state = { down: false, searches: 0 };
  const study = (uid: string, count: number): DicomJson => ({
    '0020000D': { vr: 'UI', Value: [uid] },
    '00201208': { vr: 'IS', Value: [count] },
  });
  const client: DicomWebClient = {
    async searchStudies(query = {}) {
      state.searches += 1;
      if (state.down) throw new DicomWebError('DICOMWEB_UNREACHABLE', 'connection refused');
      const all = [...studies].map(([uid, count]) => study(uid, count));
      const offset = Number(query.offset ?? 0);
      return all.slice(offset, offset + Number(query.limit ?? all.length));
    },
    searchSeries: async () => [],
    searchInstances: async () => [],
    retrieveInstance: async () => new Uint8Array(),
    store: async () => ({ stored: [], failed: [] }),
  };
  return { client, state };
}

function setUp(studies: Map<string, number>, handle: (uid: string) => Promise<'analysed' | 'already_stored'>) {
  const pacs = fakePacs(studies);
  const clock = { t: 0 };
  const lines: string[] = [];
  const watch = watchStudies({
    client: pacs.client,
    config: { intervalMs: 1_000, stableMs: 5_000 },
    handle,
    logger: createLogger('debug', (line) => lines.push(line)),
    now: () => clock.t,
    loop: false,
  });
  return { watch, clock, pacs, lines };
}

describe('watchStudies', () => {
  test('handles a study once its instance count has held for the stable age, and only once', async () => {
    const studies = new Map([['1.2.3', 2]]);
    const handled: string[] = [];
    const { watch, clock } = setUp(studies, async (uid) => {
      handled.push(uid);
      return 'analysed';
    });
    await watch.poll();
    clock.t = 4_000;
    studies.set('1.2.3', 4); // a view still arriving: the clock starts again
    await watch.poll();
    clock.t = 8_999;
    await watch.poll();
    expect(handled).toEqual([]);
    clock.t = 9_000;
    await watch.poll();
    clock.t = 20_000;
    await watch.poll();
    expect(handled).toEqual(['1.2.3']);
  });

  test('reads every page of the listing', async () => {
    const studies = new Map(Array.from({ length: 230 }, (_, i) => [`1.2.${i}`, 4] as [string, number]));
    const handled = new Set<string>();
    const { watch, clock } = setUp(studies, async (uid) => {
      handled.add(uid);
      return 'already_stored';
    });
    await watch.poll();
    clock.t = 5_000;
    await watch.poll();
    expect(handled.size).toBe(230);
  });

  test('retries a study whose attempt a retry can cure, with backoff, and leaves a refused one alone', async () => {
    const studies = new Map([
      ['1.2.1', 4],
      ['1.2.2', 4],
    ]);
    const attempts: string[] = [];
    const { watch, clock, lines } = setUp(studies, async (uid) => {
      attempts.push(uid);
      if (uid === '1.2.2') throw new ApiError('STUDY_NOT_ANALYSABLE', 'Study 1.2.2 has no mammography (MG) image.');
      if (attempts.filter((a) => a === uid).length < 3) throw new ApiError('PACS_UNAVAILABLE', 'The PACS could not serve the request.');
      return 'analysed';
    });
    await watch.poll(); // first seen
    for (const t of [5_000, 6_000, 7_000, 8_000, 9_000, 10_000, 11_000, 12_000]) {
      clock.t = t;
      await watch.poll();
    }
    // 1.2.1: failed at 5 s (next after 2 s), failed at 7 s (next after 4 s), analysed at 11 s; 1.2.2 refused once, for good.
    expect(attempts).toEqual(['1.2.1', '1.2.2', '1.2.1', '1.2.1']);
    expect(lines.filter((l) => l.includes('"study":"1.2.1"') && l.includes('will retry'))).toHaveLength(2);
    expect(lines.some((l) => l.includes('"study":"1.2.2"') && l.includes('left alone') && l.includes('STUDY_NOT_ANALYSABLE'))).toBe(true);
  });

  test('rejects a look at a PACS that is down, and the next look finds the studies again', async () => {
    const studies = new Map([['1.2.9', 4]]);
    const handled: string[] = [];
    const { watch, clock, pacs } = setUp(studies, async (uid) => {
      handled.push(uid);
      return 'analysed';
    });
    await watch.poll();
    pacs.state.down = true;
    clock.t = 5_000;
    await expect(watch.poll()).rejects.toMatchObject({ name: 'DicomWebError', code: 'DICOMWEB_UNREACHABLE' });
    pacs.state.down = false;
    clock.t = 6_000;
    await watch.poll();
    expect(handled).toEqual(['1.2.9']);
  });

  test('backs off while the PACS is down and stops when asked, with a bounded wait', async () => {
    const pacs = fakePacs(new Map());
    pacs.state.down = true;
    const lines: string[] = [];
    const watch = watchStudies({
      client: pacs.client,
      config: { intervalMs: 20, stableMs: 0 },
      handle: async () => 'analysed',
      logger: createLogger('debug', (line) => lines.push(line)),
    });
    // Backoff of 40, 80, 160 ms...: a handful of looks in half a second, not 25.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await watch.stop();
    const looks = pacs.state.searches;
    expect(looks).toBeGreaterThanOrEqual(1);
    expect(looks).toBeLessThanOrEqual(6);
    expect(lines.filter((l) => l.includes('could not list studies'))).toHaveLength(looks);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pacs.state.searches).toBe(looks);
  });
});
