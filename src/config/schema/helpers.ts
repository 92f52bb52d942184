/** Small builders that keep every schema field documented (description + examples, default where one exists). */
export type JsonSchema = Record<string, unknown>;

/** A documented field. `dflt` is written as the schema `default` and shown in the docs. */
export function field(
  description: string,
  schema: JsonSchema,
  examples: unknown[],
  dflt?: unknown,
): JsonSchema {
  const out: JsonSchema = { description, ...schema, examples };
  if (dflt !== undefined) out.default = dflt;
  return out;
}

export function obj(properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, ...extra };
}

export const STATE = field(
  '`present` (default) declares the object; `absent` makes vppstate delete it when it exists, whatever the prune mode. An absent object takes no other field than its identity.',
  { type: 'string', enum: ['present', 'absent'] },
  ['absent'],
  'present',
);

export const U32 = { type: 'integer', minimum: 0, maximum: 4294967295 };

/** An inclusive range as `N` or `"first-last"`. */
export function range(max: number, description: string, examples: unknown[], dflt: string): JsonSchema {
  return field(
    `${description} A single number or an inclusive range \`first-last\` (0..${max}).`,
    { type: ['integer', 'string'], minimum: 0, maximum: max, format: 'range' },
    examples,
    dflt,
  );
}

/** The id used to reference another schema file. */
export function ref(file: string, pointer = ''): JsonSchema {
  return { $ref: `${file}${pointer ? `#${pointer}` : ''}` };
}
