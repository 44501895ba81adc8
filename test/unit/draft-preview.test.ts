import { describe, expect, it } from 'vitest';
import { previewOpens, previewToken } from '#shared/drafts/preview.ts';

const draftId = '01KAP3Z6X5N7V2J8Q4R9T0W1YB';
const otherId = '01KAP3Z6X5N7V2J8Q4R9T0W1YC';
const now = new Date('2026-11-30T10:00:00.000Z');
const inAnHour = new Date(now.getTime() + 3_600_000);

describe('preview tokens', () => {
  it('a token opens its own draft until it expires', async () => {
    // Prepare
    const token = await previewToken(draftId, inAnHour);
    // Act, Assess
    expect(await previewOpens(token, draftId, now)).toBe(true);
    expect(await previewOpens(token, draftId, inAnHour)).toBe(false);
  });

  it('a token opens no other draft', async () => {
    const token = await previewToken(draftId, inAnHour);
    expect(await previewOpens(token, otherId, now)).toBe(false);
  });

  it('any changed character, a moved expiry or garbage does not open', async () => {
    // Prepare
    const token = await previewToken(draftId, inAnHour);
    const [expires, mac] = token.split('.') as [string, string];
    const variants = [
      ...[...mac].map((c, i) => `${expires}.${mac.slice(0, i)}${c === 'A' ? 'B' : 'A'}${mac.slice(i + 1)}`),
      `${Number(expires) + 1}.${mac}`, `${expires}.${mac}x`, `.${mac}`, '', 'x'.repeat(500),
    ];
    // Act
    const opened = await Promise.all(variants.map((t) => previewOpens(t, draftId, now)));
    // Assess
    expect(opened.every((o) => o === false)).toBe(true);
  });
});
