/** Generated configurations for the benchmarks (YAML text, as a user would write it). */

/** A valid configuration: 8 VRFs, `interfaces` loopbacks with v4/v6 addresses, `routes` via them. */
export function generateConfig(interfaces: number, routes: number): string {
  const out: string[] = ['vrfs:'];
  for (let v = 1; v <= 8; v++) out.push(`  ${v}:`, `    name: vrf-${v}`);
  out.push('interfaces:');
  for (let i = 0; i < interfaces; i++) {
    const vrf = i % 9;
    out.push(`  loop${i}:`, `    description: "customer ${i}"`, `    mtu: ${1500 + (i % 4) * 1000}`);
    if (vrf) out.push(`    vrf: ${vrf}`);
    out.push(
      '    addresses:',
      `      - 10.${i >> 8}.${i & 255}.1/24`,
      `      - 2001:db8:${i.toString(16)}::1/64`,
    );
  }
  out.push('---', 'routes:');
  for (let r = 0; r < routes; r++) {
    const i = r % interfaces;
    const vrf = i % 9;
    out.push(`  - prefix: ${100 + (r >> 16)}.${(r >> 8) & 255}.${r & 255}.0/24`);
    if (vrf) out.push(`    vrf: ${vrf}`);
    out.push(`    via: 10.${i >> 8}.${i & 255}.2`, `    interface: loop${i}`);
  }
  return out.join('\n') + '\n';
}
