// DICOM dates and times carry no zone, so we write UTC and say so with Timezone Offset From UTC (0008,0201).

/** The zone the dates and times of our results are written in. */
export const UTC_OFFSET = '+0000';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A DA value (YYYYMMDD) in UTC. */
export function dicomDate(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
}

/** A TM value (HHMMSS.FFF) in UTC. */
export function dicomTime(at: Date): string {
  return `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}`;
}

/** A DT value (YYYYMMDDHHMMSS.FFF+0000). */
export function dicomDateTime(at: Date): string {
  return `${dicomDate(at)}${dicomTime(at)}${UTC_OFFSET}`;
}
