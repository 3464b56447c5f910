import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pythonHas, requireInCi } from '@bcd-api/test-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeAnalysisSr } from '../../src/results/analysis-sr.js';
import { writeOverlayCapture } from '../../src/results/overlay-capture.js';
import { images, sampleAnalysis } from './sample-analysis.js';
import { sampleOverlay } from './sample-overlay.js';

// The standard's own checkers read what we write: dciodvfy (dicom3tools) the IODs, dsrdump (DCMTK) the
// SR tree, pydicom every file and its references.

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** Runs a tool with a time limit and gives its stdout and stderr together, whatever its exit status. */
function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return `${result.stdout}${result.stderr}`;
}

const DISCLAIMER = 'Nur für Forschung — for education and research only, not for diagnosis.';
let dir = '';
const files = { sr33: '', sr34: '', capture: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bcd-pacs-results-'));
  files.sr33 = join(dir, 'sr-88.33.dcm');
  files.sr34 = join(dir, 'sr-88.34.dcm');
  files.capture = join(dir, 'capture.dcm');
  writeFileSync(files.sr33, writeAnalysisSr(sampleAnalysis({ disclaimer: DISCLAIMER })));
  writeFileSync(files.sr34, writeAnalysisSr(sampleAnalysis({ disclaimer: DISCLAIMER, sopClass: 'comprehensive-3d' })));
  writeFileSync(files.capture, writeOverlayCapture(sampleOverlay()));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const haveDciodvfy = requireInCi(onPath('dciodvfy'), 'dciodvfy to validate the DICOM results', 'apt-get install dicom3tools');
describe.skipIf(!haveDciodvfy)('dciodvfy', () => {
  test('finds no errors in the SR in either SOP class, nor in the capture', () => {
    for (const file of [files.sr33, files.sr34, files.capture]) {
      const lines = run('dciodvfy', [file]).split('\n');
      expect(
        lines.filter((line) => line.startsWith('Error')),
        file,
      ).toEqual([]);
      // The one warning we accept: dciodvfy does not read the Coding Scheme Identification Sequence that
      // declares our private scheme 99BCDAPI, so it flags each of its codes as an unknown designator.
      const warnings = lines.filter((line) => line.startsWith('Warning'));
      expect(
        warnings.filter(
          (line) => line !== 'Warning - Unrecognized defined term <99BCDAPI> for value 1 of attribute <Coding Scheme Designator>',
        ),
        file,
      ).toEqual([]);
    }
  });
});

const haveDsrdump = requireInCi(onPath('dsrdump'), 'dsrdump to read the analysis SR', 'apt-get install dcmtk');
describe.skipIf(!haveDsrdump)('dsrdump', () => {
  test('shows the TID 1500 root and each probability of cancer as the API gave it', () => {
    for (const file of [files.sr33, files.sr34]) {
      const lines = run('dsrdump', ['+Pt', '+Pc', file]).split('\n');
      expect(lines.some((line) => /<CONTAINER:\(126000,DCM,"Imaging Measurement Report"\)=SEPARATE> +# TID 1500 \(DCMR\)/.test(line))).toBe(
        true,
      );
      const values = lines.flatMap(
        (line) => /NUM:\(111047,DCM,"Probability of cancer"\)="([^"]*)" \(%,UCUM,"percent"\)/.exec(line)?.[1] ?? [],
      );
      expect(values).toEqual(['46.22', '12.5', '3.07', '0.4', '46.22', '3.07', '46.22']);
    }
  });
});

// Reads every file and prints what its references name, as JSON.
const PYDICOM_READER = `
import json, sys, pydicom
def walk(items):
    for item in items:
        yield item
        yield from walk(item.get('ContentSequence', []))
out = []
for path in sys.argv[1:]:
    d = pydicom.dcmread(path)
    scoord_sources, disclaimer = [], None
    for item in walk(d.get('ContentSequence', [])):
        if item.ValueType == 'SCOORD':
            scoord_sources += [c.ReferencedSOPSequence[0].ReferencedSOPInstanceUID for c in item.ContentSequence]
        if item.ValueType == 'TEXT' and item.ConceptNameCodeSequence[0].CodeValue == 'DISCLAIMER':
            disclaimer = item.TextValue
    evidence = [sop.ReferencedSOPInstanceUID for study in d.get('CurrentRequestedProcedureEvidenceSequence', [])
                for series in study.ReferencedSeriesSequence for sop in series.ReferencedSOPSequence]
    sources = [s.ReferencedSOPInstanceUID for s in d.get('SourceImageSequence', [])]
    out.append(dict(sopClass=d.SOPClassUID, study=d.StudyInstanceUID, scoord=scoord_sources,
                    evidence=evidence, sources=sources, disclaimer=disclaimer, pixelBytes=len(d.get('PixelData', b''))))
print(json.dumps(out))
`;

const havePydicom = requireInCi(pythonHas('pydicom'), 'pydicom to read the DICOM results', 'apt-get install python3-pydicom');
describe.skipIf(!havePydicom)('pydicom', () => {
  test('reads every file, and its references name the given source instances', () => {
    const output = execFileSync('/usr/bin/python3', ['-c', PYDICOM_READER, files.sr33, files.sr34, files.capture], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const [sr33, sr34, capture] = JSON.parse(output) as Array<Record<string, unknown>>;
    const sources = images.map((image) => image.source.sopInstanceUid);
    for (const sr of [sr33, sr34]) {
      expect(sr).toMatchObject({ study: sampleAnalysis().identity.studyInstanceUid, evidence: sources, disclaimer: DISCLAIMER });
      // The fourth image has no peak region.
      expect(sr?.scoord).toEqual(sources.slice(0, 3));
    }
    expect(sr33?.sopClass).toBe('1.2.840.10008.5.1.4.1.1.88.33');
    expect(sr34?.sopClass).toBe('1.2.840.10008.5.1.4.1.1.88.34');
    expect(capture).toMatchObject({
      sopClass: '1.2.840.10008.5.1.4.1.1.7',
      sources: [sampleOverlay().source.sopInstanceUid],
      pixelBytes: 2080,
    });
  });
});
