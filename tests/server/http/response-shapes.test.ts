/**
 * The service's answers parse with the core's response schemas (addin/core/schemas/responses.ts),
 * the very schemas the pane reads them with, and the OpenAPI description points at them: a field
 * renamed or retyped on the service's side fails here, not in a planner's pane.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me, Receipt, ReturnSummary } from '#core';
import { BACKENDS } from '../store/backends.ts';
import { mjsReturn, type Service, startService } from './harness.ts';

describe('answers in the shapes the clients parse', () => {
  let s: Service;
  let mjs: string;
  beforeAll(async () => {
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number]);
    mjs = await s.token('ministry', 'MJS');
  });
  afterAll(async () => {
    await s?.db.cleanup();
  });

  it('gives Me, Receipt and ReturnSummary exactly as the core declares them', async () => {
    const me = Me.strict().parse((await s.json('/api/me', { token: mjs })).body);
    expect(me).toMatchObject({ role: 'ministry', ministry: { code: 'MJS' } });
    expect(me.plan?.id).toBe('pnlevt-2021-2025');

    const sent = await s.json('/api/returns', {
      token: mjs,
      json: mjsReturn(),
      headers: { 'idempotency-key': 'shapes-0001' },
    });
    expect(sent.status).toBe(201);
    const receipt = Receipt.strict().parse(sent.body.receipt);
    expect([receipt.version, receipt.state, receipt.replayed]).toEqual([1, 'submitted', false]);

    const list = await s.json('/api/returns', { token: mjs });
    const summaries = ReturnSummary.array().parse(list.body.returns);
    expect(summaries.map((r) => [r.ministry, r.version, r.state, r.source])).toEqual([
      ['MJS', 1, 'submitted', 'json'],
    ]);
  });

  it('describes those answers in OpenAPI with the same schemas', async () => {
    const doc = (await s.json('/api/openapi.json', { token: null })).body;
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.Receipt.properties)).toEqual(Object.keys(Receipt.shape));
    expect(Object.keys(schemas.Me.properties)).toEqual(Object.keys(Me.shape));
    expect(schemas.ReturnSummary.properties.state.enum).toEqual(['submitted', 'returned', 'accepted']);
    const post = doc.paths['/api/returns'].post.responses['201'].content['application/json'].schema;
    expect(post.properties.receipt.$ref).toBe('#/components/schemas/Receipt');
    expect(doc.paths['/api/me'].get.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/Me',
    );
  });
});
