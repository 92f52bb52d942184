/**
 * The JSON Schemas (draft 2020-12) of the configuration language. These objects are the source;
 * schemas/*.json are generated from them (`npm run vppstate -- ...` is not needed: see
 * src/config/generate.ts) and a test keeps the two identical.
 */
import { interfacesSection } from './interfaces.js';
import {
  aclsSection,
  bridgeDomainsSection,
  l2XconnectsSection,
  linuxCpSection,
  nat44Section,
  routesSection,
  settingsSection,
  vrfsSection,
} from './sections.js';
import { field, obj, ref } from './helpers.js';
import type { JsonSchema } from './helpers.js';
import { API_VERSION, KIND } from './resource.js';

export type { JsonSchema } from './helpers.js';

export { API_VERSION, KIND } from './resource.js';

/** YAML section name → schema file. */
export const SECTION_SCHEMAS: ReadonlyArray<[section: string, file: string, schema: JsonSchema]> = [
  ['interfaces', 'interfaces.schema.json', interfacesSection],
  ['vrfs', 'vrfs.schema.json', vrfsSection],
  ['routes', 'routes.schema.json', routesSection],
  ['bridge-domains', 'bridge-domains.schema.json', bridgeDomainsSection],
  ['l2-xconnects', 'l2-xconnects.schema.json', l2XconnectsSection],
  ['acls', 'acls.schema.json', aclsSection],
  ['nat44', 'nat44.schema.json', nat44Section],
  ['linux-cp', 'linux-cp.schema.json', linuxCpSection],
  ['settings', 'settings.schema.json', settingsSection],
];

const sectionTitles: Record<string, string> = {
  interfaces: 'Interfaces keyed by VPP name.',
  vrfs: 'IP tables keyed by id.',
  routes: 'Static routes.',
  'bridge-domains': 'L2 bridge domains keyed by id.',
  'l2-xconnects': 'L2 cross-connects keyed by receiving interface.',
  acls: 'Access control lists keyed by name.',
  nat44: 'NAT44-ED global settings and pool.',
  'linux-cp': 'linux-cp global settings.',
  settings: 'Pruning and ignore rules.',
};

const content = obj(
  Object.fromEntries(
    SECTION_SCHEMAS.map(([section, file]) => [
      section,
      { description: sectionTitles[section], ...ref(file) },
    ]),
  ),
);

/** The top-level schema: a document of sections, or the same wrapped as a Kubernetes-style resource. */
export const topLevelSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'vppstate.schema.json',
  title: 'vppstate configuration',
  description:
    'A vppstate document: the desired state of a VPP dataplane. Documents can be split over many files and YAML streams; sections merge, and an object defined twice is an error. Optionally wrapped as a Kubernetes-style resource (apiVersion, kind, metadata, spec).',
  type: 'object',
  if: { anyOf: [{ required: ['apiVersion'] }, { required: ['kind'] }, { required: ['spec'] }] },
  then: { $ref: '#/$defs/resource' },
  else: { $ref: '#/$defs/content' },
  examples: [{ interfaces: { loop0: { addresses: ['10.0.0.1/32'] } } }],
  $defs: {
    content: { description: 'The sections.', ...content },
    resource: {
      description: 'The Kubernetes-style wrapper.',
      ...obj(
        {
          apiVersion: field('API version of the resource.', { const: API_VERSION }, [API_VERSION]),
          kind: field('Kind of the resource.', { const: KIND }, [KIND]),
          metadata: field(
            'Kubernetes object metadata (name, namespace, labels, annotations); not interpreted.',
            { type: 'object' },
            [{ name: 'edge-router-1' }],
          ),
          spec: { description: 'The document’s sections.', $ref: '#/$defs/content' },
        },
        { required: ['apiVersion', 'kind', 'spec'] },
      ),
    },
  },
};

/** Every schema file: name → schema, the top-level one first. */
export function schemaFiles(): Array<[file: string, schema: JsonSchema]> {
  return [
    ['vppstate.schema.json', topLevelSchema],
    ...SECTION_SCHEMAS.map(([, f, s]): [string, JsonSchema] => [f, s]),
  ];
}
