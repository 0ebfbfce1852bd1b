/**
 * Initial adaptive-streaming settings for video.js's VHS, chosen from the Network Information API
 * where the browser has it (Chromium; not Safari or Firefox).
 *
 * VHS picks the first rendition from `bandwidth` (bits/s, default about 4.2 Mb/s) and, while
 * `useNetworkInformationApi` is on (the default), replaces its estimate by `navigator.connection.downlink`.
 * On a slow or data-saving connection, and where the browser tells us nothing (Safari, Firefox:
 * our learners are mostly on phones and weak mobile lines, so we assume the worst), we start from
 * a low estimate, so the 240p rendition (about 0.4 Mb/s) comes first, and switch the downlink
 * override off so it does not undo that; VHS then measures real segment downloads and moves up
 * within a few segments when the line allows.
 * `limitRenditionByPlayerDimensions` keeps a phone-sized player from fetching 720p.
 */

/** The part of `NetworkInformation` we read (not in TypeScript's DOM library). */
export interface ConnectionInfo {
  effectiveType?: string;
  saveData?: boolean;
}

export interface VhsStartOptions {
  limitRenditionByPlayerDimensions: boolean;
  useNetworkInformationApi: boolean;
  /** Bits per second; omitted to keep VHS's default. */
  bandwidth?: number;
}

/** A starting estimate below the lowest rendition's bit rate, so VHS starts with the lowest. */
export const SLOW_START_BANDWIDTH = 300_000;
const SLOW_TYPES = new Set(['slow-2g', '2g', '3g']);

export function currentConnection(): ConnectionInfo | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as Navigator & { connection?: ConnectionInfo }).connection;
}

/** Slow, data-saving, or unknown (no Network Information API). */
export function isSlowConnection(connection: ConnectionInfo | undefined): boolean {
  if (!connection || connection.effectiveType === undefined) return true;
  return connection.saveData === true || SLOW_TYPES.has(connection.effectiveType);
}

export function vhsStartOptions(connection: ConnectionInfo | undefined = currentConnection()): VhsStartOptions {
  if (isSlowConnection(connection)) {
    return { limitRenditionByPlayerDimensions: true, useNetworkInformationApi: false, bandwidth: SLOW_START_BANDWIDTH };
  }
  return { limitRenditionByPlayerDimensions: true, useNetworkInformationApi: true };
}
