/**
 * The Modality LUT and VOI LUT a data set declares (PS3.3 C.11.1, C.11.2), read for the grey
 * pipeline of grey-levels.ts: the rescale, and the first usable window, else the first VOI LUT
 * Sequence item, else the full range of the stored bits.
 */
import type { DataSet, Element } from 'dicom-parser';
import { isUsableWindow, type Voi, type VoiLutFunction } from './grey-levels.js';
import { TAG } from './tags.js';

/** RescaleSlope and RescaleIntercept, 1 and 0 where absent or unusable. */
export function readRescale(dataSet: DataSet): { slope: number; intercept: number } {
  const slope = dataSet.floatString(TAG.RescaleSlope);
  const intercept = dataSet.floatString(TAG.RescaleIntercept);
  return {
    // A slope of 0 would flatten the image: read as absent.
    slope: slope !== undefined && Number.isFinite(slope) && slope !== 0 ? slope : 1,
    intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
  };
}

/** The first usable window, else the first VOI LUT Sequence item, else the full range of the stored bits. */
export function readVoi(dataSet: DataSet, signed: boolean): Voi {
  const named = (dataSet.string(TAG.VOILUTFunction) ?? '').trim();
  const fn: VoiLutFunction = named === 'LINEAR_EXACT' || named === 'SIGMOID' ? named : 'LINEAR';
  const center = dataSet.floatString(TAG.WindowCenter, 0);
  const width = dataSet.floatString(TAG.WindowWidth, 0);
  if (center !== undefined && width !== undefined && Number.isFinite(center) && isUsableWindow(width, fn)) {
    return { kind: 'window', center, width, function: fn };
  }
  const item = dataSet.elements[TAG.VOILUTSequence]?.items?.[0]?.dataSet;
  const descriptor = item?.elements[TAG.LUTDescriptor];
  const lutData = item?.elements[TAG.LUTData];
  if (item && descriptor && descriptor.length >= 6 && lutData) {
    const entries = item.uint16(TAG.LUTDescriptor, 0) || 65536;
    // The first value mapped is US or SS as the pixels are unsigned or signed (C.11.2.1.1).
    const firstMapped = (signed ? item.int16(TAG.LUTDescriptor, 1) : item.uint16(TAG.LUTDescriptor, 1)) ?? 0;
    const bitsPerEntry = item.uint16(TAG.LUTDescriptor, 2) ?? 16;
    const data = lutEntries(item.byteArray, lutData, entries);
    if (data.length > 0) return { kind: 'table', firstMapped, bitsPerEntry, data };
  }
  return { kind: 'range' };
}

function lutEntries(bytes: Uint8Array, element: Element, entries: number): Uint16Array {
  const held = Math.max(0, Math.min(element.length, bytes.length - element.dataOffset));
  const at = element.dataOffset;
  // One 16-bit word an entry (US or OW); a table shorter than its descriptor is not used.
  if (held < 2 * entries) return new Uint16Array(0);
  const data = new Uint16Array(entries);
  for (let i = 0; i < entries; i++) data[i] = (bytes[at + 2 * i] ?? 0) | ((bytes[at + 2 * i + 1] ?? 0) << 8);
  return data;
}
