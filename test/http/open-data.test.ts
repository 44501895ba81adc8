import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local.ts';

const api = useLocalApi();

describe('GET /v1/open-data', () => {
  it('lists every dataset under CC BY 4.0 with its columns; files appear once the job has written them', async () => {
    const res = await api.request('GET', '/v1/open-data');
    expect(res.status, res.text).toBe(200);
    expect(res.body.license).toEqual({ name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(res.body.items.map((d: { name: string }) => d.name)).toEqual(['decisions', 'decision-votes', 'results', 'timeline', 'meetings', 'agenda-items', 'participation']);
    expect(res.body.items[0].columns).toContain('votesFor');
    for (const d of res.body.items) expect(d).toMatchObject({ files: [], updatedAt: null });
  });
});
