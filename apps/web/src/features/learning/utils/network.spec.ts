import { describe, expect, it } from 'vitest';
import { SLOW_START_BANDWIDTH, vhsStartOptions } from './network';

describe('vhsStartOptions', () => {
  it('starts on the lowest rendition on 2g/3g, with data saving, or when the browser gives no hint', () => {
    for (const connection of [{ effectiveType: '3g' }, { effectiveType: 'slow-2g' }, { effectiveType: '4g', saveData: true }, {}, undefined]) {
      expect(vhsStartOptions(connection)).toEqual({ limitRenditionByPlayerDimensions: true, useNetworkInformationApi: false, bandwidth: SLOW_START_BANDWIDTH });
    }
  });

  it('lets VHS use the measured downlink on a fast connection', () => {
    expect(vhsStartOptions({ effectiveType: '4g' })).toEqual({ limitRenditionByPlayerDimensions: true, useNetworkInformationApi: true });
  });
});
