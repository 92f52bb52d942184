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
  retvalOf,
} from '../../src/api/errno.js';
import { SUB_IF_FLAGS } from '../../src/api/sub-if-flags.js';
import { VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';

describeWithVppApi('VPP constants against its definitions', () => {
  it('matches VPP’s api_errno.json entry for entry', () => {
    const vpp = JSON.parse(readFileSync(join(VPP_API_DIR, 'api_errno.json'), 'utf8')) as Array<{
      name: string;
      code: number;
      message: string;
    }>;
    expect(VNET_API_ERRORS.map((e) => ({ name: e.name, code: e.code, message: e.message }))).toEqual(vpp);
  });

  it('sub_if_flags: the values the model and the simulator share are interface_types.api’s', () => {
    const api = JSON.parse(readFileSync(join(VPP_API_DIR, 'core', 'interface_types.api.json'), 'utf8')) as {
      enums: Array<[string, ...Array<[string, number] | object>]>;
    };
    const e = api.enums.find((x) => x[0] === 'sub_if_flags');
    const members = new Map(e?.slice(1).filter((m): m is [string, number] => Array.isArray(m)));
    for (const [k, v] of Object.entries(SUB_IF_FLAGS)) expect(members.get(`SUB_IF_API_FLAG_${k}`), k).toBe(v);
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

  it('retvalOf names a code once and refuses a name VPP does not define', () => {
    expect(retvalOf('BUSY')).toBe(-167);
    expect(() => retvalOf('BD_ALREADY_EXIST')).toThrow(
      /VNET_API_ERROR_BD_ALREADY_EXIST is not in VPP's error list/,
    );
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
