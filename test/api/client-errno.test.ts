import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VppApiError } from '../../src/api/client/errors.js';
import {
  RETVAL_EAGAIN,
  VNET_API_ERRORS,
  describeRetval,
  errnoCode,
  errnoEntry,
} from '../../src/api/errno.js';
import { VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';

describeWithVppApi('VNET_API_ERROR table', () => {
  it('matches VPP’s api_errno.json entry for entry', () => {
    const vpp = JSON.parse(readFileSync(join(VPP_API_DIR, 'api_errno.json'), 'utf8')) as Array<{
      name: string;
      code: number;
      message: string;
    }>;
    expect(VNET_API_ERRORS.map((e) => ({ name: e.name, code: e.code, message: e.message }))).toEqual(vpp);
  });
});

describe('errno lookups', () => {
  it('finds names, codes and texts', () => {
    expect(errnoEntry(-2)?.name).toBe('VNET_API_ERROR_INVALID_SW_IF_INDEX');
    expect(errnoCode('BD_ALREADY_EXISTS')).toBe(-119);
    expect(errnoCode('VNET_API_ERROR_EAGAIN')).toBe(RETVAL_EAGAIN);
    expect(describeRetval(-3)).toBe('VNET_API_ERROR_NO_SUCH_FIB (-3) No such FIB / VRF');
    expect(errnoEntry(0)).toBeUndefined();
  });

  it('builds VppApiError messages people can act on', () => {
    const e = new VppApiError('bridge_domain_add_del_v2', -119);
    expect(e.message).toBe(
      'bridge_domain_add_del_v2: VNET_API_ERROR_BD_ALREADY_EXISTS (-119) Bridge domain already exists',
    );
    expect(e.code).toBe('VPP_API_ERROR');
    expect(e.name).toBe('VppApiError');
  });
});
