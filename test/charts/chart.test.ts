/**
 * The Helm chart, without a cluster: its metadata and schema (always), then the chart linted and
 * rendered by a real Helm (test/helpers/helm.ts; skipped with a message where none can be had).
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { parseConfig } from '../../src/config/index.js';
import { findHelm } from '../helpers/helm.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { tempDir } from '../controller/harness.js';

const run = promisify(execFile);
const CHART = join(REPO_ROOT, 'charts', 'vppstate');
const chart = parseYaml(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
const values = parseYaml(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8')) as object;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

type K8s = {
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
} & Record<string, unknown>;

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const valid = (v: unknown): boolean => validate(v) === true;
const withValues = (patch: Record<string, unknown>): Record<string, unknown> => ({ ...values, ...patch });

describe('charts/vppstate: metadata and values schema', () => {
  it('Chart.yaml is a v2 application chart whose appVersion is the package version', () => {
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'vppstate', type: 'application' });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(chart.appVersion).toBe(pkg.version);
  });

  it('values.schema.json is a valid JSON Schema and accepts values.yaml', () => {
    expect(valid(values), JSON.stringify(validate.errors)).toBe(true);
  });

  it('values.schema.json refuses a misspelt key, a wrong mode, a bad path, a document name without .yaml', () => {
    expect(valid(withValues({ mdoe: 'enforce' }))).toBe(false);
    expect(valid(withValues({ mode: 'enforcing' }))).toBe(false);
    expect(valid(withValues({ resyncSeconds: -1 }))).toBe(false);
    expect(valid(withValues({ vpp: { socketPath: 'run/vpp/api.sock' } }))).toBe(false);
    expect(valid(withValues({ vpp: { socketPath: '/run/vpp/api.sock', socketGid: 'vpp' } }))).toBe(false);
    expect(valid(withValues({ config: { documents: { 'router.txt': 'interfaces: {}' } } }))).toBe(false);
    expect(valid(withValues({ vpp: { socketPath: '/var/run/vpp/api.sock', socketGid: 997 } }))).toBe(true);
  });

  it('the default documents are valid vppstate documents', () => {
    const docs = (values.config as { documents: Record<string, string> }).documents;
    for (const [file, text] of Object.entries(docs)) expect(parseConfig(text, file).errors).toEqual([]);
  });
});

describe('charts/vppstate rendered by Helm (no cluster)', () => {
  let helm: string | undefined;
  let why = '';
  beforeAll(async () => {
    const found = await findHelm();
    helm = found.helm;
    why = found.reason ?? '';
    if (!helm) console.warn(`skipping the Helm rendering tests: ${why}`);
  }, 240_000);

  async function helmRun(args: string[]): Promise<string> {
    const { stdout } = await run(helm as string, args, {
      timeout: 60_000,
      env: { ...process.env, KUBECONFIG: '/nonexistent', HELM_CACHE_HOME: tempDir('helm-cache-') },
    });
    return stdout;
  }

  /** Renders with a values file; every document parsed as YAML, by kind. */
  async function render(v: Record<string, unknown> = {}): Promise<Map<string, K8s>> {
    const f = join(tempDir('vppstate-values-'), 'values.yaml');
    writeFileSync(f, JSON.stringify(v));
    const out = await helmRun(['template', 'edge', CHART, '-n', 'dataplane', '-f', f]);
    const docs = parseAllDocuments(out);
    const byKind = new Map<string, K8s>();
    for (const d of docs) {
      expect(d.errors, String(d.errors[0]?.message)).toEqual([]);
      const o = d.toJS() as K8s | null;
      if (o) byKind.set(o.kind, o);
    }
    return byKind;
  }

  const needsHelm = (name: string, fn: () => Promise<void>, timeout = 60_000) =>
    it(
      name,
      async (ctx) => {
        if (!helm) return ctx.skip();
        await fn();
      },
      timeout,
    );

  const REPRESENTATIVE: Record<string, unknown>[] = [
    {},
    {
      mode: 'observe',
      resyncSeconds: 0,
      prune: 'all',
      ignore: ['interface:GigabitEthernet*', 'route:0:10.*'],
      vpp: { socketPath: '/var/run/vpp/cli-api.sock', socketGid: 997, lockDir: '/run/vppstate' },
      config: { existingConfigMap: 'dataplane-documents' },
      metrics: { port: 9100, serviceMonitor: { enabled: true, labels: { release: 'prometheus' } } },
      nodeSelector: { 'vpp.fd.io/enabled': 'true' },
      tolerations: [{ key: 'dataplane', operator: 'Exists', effect: 'NoSchedule' }],
      extraArgs: ['--concurrency', '64'],
      podAnnotations: { 'example.com/team': 'network' },
    },
    { metrics: { service: { enabled: false } }, serviceAccount: { create: false, name: 'vpp' } },
  ];

  needsHelm('helm lint --strict passes with the defaults and representative values', async () => {
    for (const v of REPRESENTATIVE) {
      const f = join(tempDir('vppstate-values-'), 'values.yaml');
      writeFileSync(f, JSON.stringify(v));
      const out = await helmRun(['lint', '--strict', CHART, '-f', f]);
      expect(out).toContain('1 chart(s) linted, 0 chart(s) failed');
    }
  });

  needsHelm('every template renders to YAML with the expected kinds', async () => {
    expect([...(await render()).keys()].sort()).toEqual([
      'ConfigMap',
      'DaemonSet',
      'Service',
      'ServiceAccount',
    ]);
    expect([...(await render(REPRESENTATIVE[1])).keys()].sort()).toEqual([
      'DaemonSet',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ]);
    expect([...(await render(REPRESENTATIVE[2])).keys()].sort()).toEqual(['ConfigMap', 'DaemonSet']);
  });

  needsHelm('the DaemonSet mounts and runs what the defaults say', async () => {
    const out = await render();
    const ds = out.get('DaemonSet') as K8s;
    const pod = (ds.spec as { template: { spec: Record<string, unknown> } }).template.spec as {
      containers: Array<Record<string, unknown>>;
      volumes: Array<Record<string, unknown>>;
      securityContext: Record<string, unknown>;
      automountServiceAccountToken: boolean;
      hostNetwork?: boolean;
    };
    const c = pod.containers[0] as {
      args: string[];
      volumeMounts: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
      ports: Array<{ name: string; containerPort: number }>;
      livenessProbe: { httpGet: { path: string; port: string } };
      readinessProbe: { httpGet: { path: string; port: string } };
      securityContext: Record<string, unknown>;
      env: Array<{ name: string; value: string }>;
    };
    // The socket's directory from the host, at the same path; the socket given to vppstate.
    const mount = (name: string) => c.volumeMounts.find((m) => m.name === name);
    const volume = (name: string) => pod.volumes.find((v) => v.name === name) as Record<string, unknown>;
    expect(mount('vpp-api')?.mountPath).toBe('/run/vpp');
    expect(volume('vpp-api').hostPath).toEqual({ path: '/run/vpp', type: 'DirectoryOrCreate' });
    expect(c.args.slice(0, 4)).toEqual([
      '--socket=/run/vpp/api.sock',
      '--log-level=info',
      'run',
      '/etc/vppstate',
    ]);
    expect(c.args).toEqual(
      expect.arrayContaining(['--mode=enforce', '--resync=60', '--listen=:9470', '--log-format=json']),
    );
    // The documents: the chart's ConfigMap, mounted whole (updates arrive as a ..data swap).
    expect(mount('documents')).toEqual({ name: 'documents', mountPath: '/etc/vppstate', readOnly: true });
    expect(volume('documents').configMap).toEqual({ name: 'edge-vppstate' });
    expect(out.get('ConfigMap')?.metadata.name).toBe('edge-vppstate');
    expect(Object.keys(out.get('ConfigMap')?.data ?? {})).toEqual(['vppstate.yaml']);
    // Probes on the endpoints, on the metrics port the Service targets.
    expect(c.ports).toEqual([{ name: 'metrics', containerPort: 9470, protocol: 'TCP' }]);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
    expect((out.get('Service')?.spec as { ports: unknown[] }).ports).toEqual([
      { name: 'metrics', port: 9470, targetPort: 'metrics', protocol: 'TCP' },
    ]);
    // Only what a Unix-socket client needs.
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext).toMatchObject({ seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 0 });
    expect(pod.hostNetwork).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(c.env).toContainEqual({ name: 'VPPSTATE_LOCK_DIR', value: '/tmp' });
    expect(mount('tmp')?.mountPath).toBe('/tmp');
    // The shutdown timeout fits in the grace period.
    expect(c.args).toContain('--shutdown-timeout=25');
    expect(
      (ds.spec as { template: { spec: { terminationGracePeriodSeconds: number } } }).template.spec
        .terminationGracePeriodSeconds,
    ).toBe(30);
  });

  needsHelm(
    'values change the DaemonSet: non-root in the socket group, existing ConfigMap, lock dir, flags',
    async () => {
      const out = await render(REPRESENTATIVE[1]);
      const pod = (out.get('DaemonSet')?.spec as { template: { spec: Record<string, unknown> } }).template
        .spec as {
        containers: Array<{
          args: string[];
          volumeMounts: Array<{ name: string; mountPath: string }>;
          env: unknown[];
        }>;
        volumes: Array<Record<string, unknown>>;
        securityContext: Record<string, unknown>;
        nodeSelector: Record<string, string>;
        tolerations: unknown[];
      };
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 997,
        supplementalGroups: [997],
      });
      const c = pod.containers[0];
      expect(c.args).toEqual(
        expect.arrayContaining([
          '--socket=/var/run/vpp/cli-api.sock',
          '--mode=observe',
          '--resync=0',
          '--listen=:9100',
          '--prune=all',
          '--ignore=interface:GigabitEthernet*',
          '--ignore=route:0:10.*',
          '--concurrency',
          '64',
        ]),
      );
      expect(pod.volumes.find((v) => v.name === 'vpp-api')?.hostPath).toEqual({
        path: '/var/run/vpp',
        type: 'DirectoryOrCreate',
      });
      expect(pod.volumes.find((v) => v.name === 'documents')?.configMap).toEqual({
        name: 'dataplane-documents',
      });
      expect(pod.volumes.find((v) => v.name === 'lock')?.hostPath).toEqual({
        path: '/run/vppstate',
        type: 'DirectoryOrCreate',
      });
      expect(c.env).toContainEqual({ name: 'VPPSTATE_LOCK_DIR', value: '/run/vppstate' });
      expect(pod.nodeSelector).toEqual({ 'vpp.fd.io/enabled': 'true' });
      expect(pod.tolerations).toHaveLength(1);
      const sm = out.get('ServiceMonitor') as K8s;
      expect(sm.metadata).toMatchObject({ labels: { release: 'prometheus' } });
      expect((sm.spec as { endpoints: unknown[] }).endpoints).toEqual([
        { port: 'metrics', path: '/metrics', interval: '30s', scrapeTimeout: '10s' },
      ]);
    },
  );

  needsHelm('Helm refuses values the schema does not allow, naming the field', async () => {
    await expect(helmRun(['template', 'edge', CHART, '--set', 'mode=enforcing'])).rejects.toThrow(/mode/);
    await expect(
      helmRun([
        'template',
        'edge',
        CHART,
        '--set',
        'metrics.serviceMonitor.enabled=true',
        '--set',
        'metrics.service.enabled=false',
      ]),
    ).rejects.toThrow(/serviceMonitor.enabled needs metrics.service.enabled/);
  });

  needsHelm('NOTES.txt tells how to check the rollout and the status', async () => {
    const out = await helmRun(['install', 'edge', CHART, '-n', 'dataplane', '--dry-run=client']);
    const notes = out.slice(out.indexOf('NOTES:'));
    expect(notes).toContain('kubectl -n dataplane rollout status daemonset/edge-vppstate');
    expect(notes).toContain('curl -s localhost:9470/status');
    expect(notes).toContain('ConfigMap edge-vppstate');
  });
});
