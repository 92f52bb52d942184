/**
 * The generated codec pinned: a hash of the source the generators write for every message of VPP's
 * definitions (encoder, decoder, and a decoder of every other top-level field). A refactoring of
 * src/api/codec must leave it byte-identical; a deliberate change of the generated code updates
 * GENERATED_SHA256 in the same commit, saying why.
 */
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ApiCodec } from '../../src/api/codec/index.js';
import { ApiDefinitions } from '../../src/api/definitions/index.js';
import type { FieldSelection } from '../../src/api/types.js';
import { VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';

const GENERATED_SHA256 = 'b8f0a1bcddf7378c61157e1f1f93a78fe1930a3ad4ed5b342d223667f6125627';

describeWithVppApi('the generated codec', () => {
  it('is the same code, byte for byte, for every message of ../shared/vpp-api', () => {
    const defs = ApiDefinitions.fromDirectory(VPP_API_DIR);
    const codec = new ApiCodec(defs);
    const hash = createHash('sha256');
    const names = [...defs.messages.keys()].sort();
    for (const name of names) {
      const c = codec.message(name);
      const sel: Record<string, true> = {};
      c.definition.fields.forEach((f, i) => {
        if (i % 2 === 1) sel[f.name] = true;
      });
      hash.update(`${name}\n${c.encoder().toString()}\n${c.decoder().toString()}\n`);
      hash.update(`${c.decoder(sel as FieldSelection).toString()}\n`);
      if (process.env.VPPSTATE_CODEC_DUMP)
        appendFileSync(
          process.env.VPPSTATE_CODEC_DUMP,
          `${name}\n${c.encoder().toString()}\n${c.decoder().toString()}\n${c.decoder(sel as FieldSelection).toString()}\n`,
        );
    }
    expect(names.length).toBeGreaterThan(1000);
    expect(hash.digest('hex')).toBe(GENERATED_SHA256);
  });
});
