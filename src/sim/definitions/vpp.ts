// The messages the simulator implements (VPP v26.10), written in the project's own notation
// (./notation.ts), one file per VPP .api module. test/sim/definitions.test.ts compares each
// message, type and service with ../shared/vpp-api so they cannot drift.
import type { ApiJsonFile } from '../../api/definitions/index.js';
import { bondApi } from './core/bond.js';
import { ethernetTypesApi } from './core/ethernet_types.js';
import { featureApi } from './core/feature.js';
import { fibApi } from './core/fib.js';
import { fibTypesApi } from './core/fib_types.js';
import { interfaceApi } from './core/interface.js';
import { interfaceTypesApi } from './core/interface_types.js';
import { ipApi } from './core/ip.js';
import { ipNeighborApi } from './core/ip_neighbor.js';
import { l2Api } from './core/l2.js';
import { vlibApi } from './core/vlib.js';
import { vpeApi } from './core/vpe.js';
import { aclApi } from './plugins/acl.js';
import { aclTypesApi } from './plugins/acl_types.js';
import { lcpApi } from './plugins/lcp.js';
import { memifApi } from './plugins/memif.js';
import { mssClampApi } from './plugins/mss_clamp.js';
import { nat44EdApi } from './plugins/nat44_ed.js';
import { natTypesApi } from './plugins/nat_types.js';
import { sampleApi } from './plugins/sample.js';
import { tapv2Api } from './plugins/tapv2.js';
import { vxlanApi } from './plugins/vxlan.js';

export {
  bondApi,
  ethernetTypesApi,
  featureApi,
  fibApi,
  fibTypesApi,
  interfaceApi,
  interfaceTypesApi,
  ipApi,
  ipNeighborApi,
  l2Api,
  vlibApi,
  vpeApi,
  aclApi,
  aclTypesApi,
  lcpApi,
  memifApi,
  mssClampApi,
  nat44EdApi,
  natTypesApi,
  sampleApi,
  tapv2Api,
  vxlanApi,
};

/** Every definition file the simulator serves (memclnt comes from the protocol server). */
export const SIM_API_FILES: ReadonlyArray<{ file: string; json: ApiJsonFile }> = [
  { file: 'core/bond.api.json', json: bondApi },
  { file: 'core/ethernet_types.api.json', json: ethernetTypesApi },
  { file: 'core/feature.api.json', json: featureApi },
  { file: 'core/fib.api.json', json: fibApi },
  { file: 'core/fib_types.api.json', json: fibTypesApi },
  { file: 'core/interface.api.json', json: interfaceApi },
  { file: 'core/interface_types.api.json', json: interfaceTypesApi },
  { file: 'core/ip.api.json', json: ipApi },
  { file: 'core/ip_neighbor.api.json', json: ipNeighborApi },
  { file: 'core/l2.api.json', json: l2Api },
  { file: 'core/vlib.api.json', json: vlibApi },
  { file: 'core/vpe.api.json', json: vpeApi },
  { file: 'plugins/acl.api.json', json: aclApi },
  { file: 'plugins/acl_types.api.json', json: aclTypesApi },
  { file: 'plugins/lcp.api.json', json: lcpApi },
  { file: 'plugins/memif.api.json', json: memifApi },
  { file: 'plugins/mss_clamp.api.json', json: mssClampApi },
  { file: 'plugins/nat44_ed.api.json', json: nat44EdApi },
  { file: 'plugins/nat_types.api.json', json: natTypesApi },
  { file: 'plugins/sample.api.json', json: sampleApi },
  { file: 'plugins/tapv2.api.json', json: tapv2Api },
  { file: 'plugins/vxlan.api.json', json: vxlanApi },
];
