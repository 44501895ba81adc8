import { describe, expect, it } from 'vitest';
import { openCursor, sealCursor } from '#shared/http/cursor.ts';
import { Problem } from '#shared/http/problem.ts';

const key = { pk: 'DRAFT#01J00000000000000000000000', sk: 'COMMENT#01J00000000000000000000001', gsi1pk: 'ROOTS#x', votes: 3 };
const scope = 'gsi1|comments:D:newest:';

/** Opening `cursor` is rejected as a 400 invalid-cursor problem. */
const rejects = async (cursor: string, inScope = scope) => {
  const error = await openCursor(cursor, inScope).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  expect((error as Problem).status).toBe(400);
  expect((error as Problem).toJSON().type).toMatch(/\/invalid-cursor$/);
};

describe('pagination cursors', () => {
  it('a sealed key opens to the same key in the same scope', async () => {
    const cursor = await sealCursor(key, scope);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await openCursor(cursor!, scope)).toEqual(key);
  });

  it('no key seals to null (the last page), no cursor opens to no key', async () => {
    expect(await sealCursor(undefined, scope)).toBeNull();
    expect(await openCursor(undefined, scope)).toBeUndefined();
  });

  it('the key is not readable in the cursor', async () => {
    const cursor = (await sealCursor(key, scope))!;
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('DRAFT#');
  });

  it('a cursor with any one byte changed is rejected', async () => {
    const raw = Buffer.from((await sealCursor(key, scope))!, 'base64url');
    for (const i of [0, 11, 12, 27, 28, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[i]! ^= 0x01;
      await rejects(tampered.toString('base64url'));
    }
  });

  it('a cursor from another list (scope) is rejected', async () => {
    const cursor = (await sealCursor(key, scope))!;
    await rejects(cursor, 'gsi1|comments:D:oldest:');
    await rejects(cursor, 'gsi1|comments:OTHER:newest:');
  });

  it('garbage, truncated, non-canonical and empty cursors are rejected', async () => {
    const cursor = (await sealCursor(key, scope))!;
    for (const bad of ['', 'x', 'not a cursor!', 'A'.repeat(60), cursor.slice(0, 30), `${cursor}A`, `${cursor}=`, cursor.replace(/-/g, '+')]) {
      if (bad === cursor) continue;
      await rejects(bad);
    }
  });
});
