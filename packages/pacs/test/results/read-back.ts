import type { NaturalDataset } from 'dcmjs';
import { dcmjs } from '../../src/internal/load-dcmjs.js';

/** A Part 10 file read back with dcmjs: its meta information and data set, naturalized. */
export function readBack(file: Uint8Array): { preamble: string; meta: NaturalDataset; dataset: NaturalDataset } {
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  const dict = DicomMessage.readFile(buffer as ArrayBuffer);
  return {
    preamble: new TextDecoder().decode(file.subarray(128, 132)),
    meta: DicomMetaDictionary.naturalizeDataset(dict.meta),
    dataset: DicomMetaDictionary.naturalizeDataset(dict.dict),
  };
}

/** The items of a sequence in a naturalized data set (dcmjs gives a one-item sequence as the item itself). */
export function items(value: unknown): NaturalDataset[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as NaturalDataset[];
}

/** Every content item of an SR tree, depth first, with its concept name's code value. */
export function contentItems(dataset: NaturalDataset): Array<NaturalDataset & { concept?: string }> {
  const out: Array<NaturalDataset & { concept?: string }> = [];
  const walk = (node: NaturalDataset) => {
    for (const child of items(node.ContentSequence)) {
      const concept = items(child.ConceptNameCodeSequence)[0]?.CodeValue;
      out.push(concept === undefined ? child : { ...child, concept: String(concept) });
      walk(child);
    }
  };
  walk(dataset);
  return out;
}
