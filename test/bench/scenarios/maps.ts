/** Bench scenarios of maps and attachments: located comments as GeoJSON, and the three attachment routes. */
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '#shared/data/table.ts';
import { benchKey } from '../raw.ts';
import { scenario, type Bench, type Scenario } from '../scenario.ts';
import { draftBody, inDays, pageSize, staff, voter, type OpenDraft } from '../fixtures.ts';
import { put } from './items.ts';

/** A real (small) PDF: what complete reads the signature of. */
const pdf = Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n${'x'.repeat(4000)}`, 'latin1');
const title = { fi: 'Asemakaavakartta', sv: 'Detaljplanekarta' };

/** An open draft taking located comments, with a full page of them and more. */
const mappedDraft = (bench: Bench): Promise<OpenDraft> =>
  bench.shared('mappedDraft', async () => {
    const created = await bench.call<OpenDraft>({
      method: 'POST', path: '/v1/drafts', as: staff,
      body: { ...draftBody(), mapCommenting: true, geometry: { type: 'Polygon', coordinates: [[[24.93, 60.16], [24.96, 60.16], [24.96, 60.18], [24.93, 60.16]]] } },
    }, 201);
    const draft = await bench.call<OpenDraft>({ method: 'POST', path: `/v1/drafts/${created.id}/publish`, as: staff, body: { closesAt: inDays(14) } }, 200);
    for (let i = 0; i < pageSize + 5; i++) {
      await bench.call({
        method: 'POST', path: `/v1/drafts/${draft.id}/comments`, as: voter(i),
        body: { body: `Tähän suojatie ${i}`, location: { type: 'Point', coordinates: [24.94 + i / 10_000, 60.17] } },
      }, 201);
    }
    return draft;
  });

/** Staff's unpublished draft the attachment scenarios attach to. */
const attachingDraft = (bench: Bench) => bench.shared('attachingDraft', () => bench.call<OpenDraft>({ method: 'POST', path: '/v1/drafts', as: staff, body: draftBody() }, 201));

/** A pending attachment, its bytes uploaded through its presigned URL. */
async function uploaded(bench: Bench, draft: OpenDraft, i: number): Promise<string> {
  const started = await bench.call<{ id: string; upload: { url: string; headers: Record<string, string> } }>({
    method: 'POST', path: `/v1/drafts/${draft.id}/attachments`, as: staff,
    body: { filename: `kaava-${i}.pdf`, contentType: 'application/pdf', bytes: pdf.length, title }, headers: { 'idempotency-key': `bench-${bench.runId}-up-${i}` },
  }, 201);
  const res = await fetch(started.upload.url, { method: 'PUT', headers: started.upload.headers, body: pdf });
  if (!res.ok) throw new Error(`upload: ${res.status}`);
  return started.id;
}

const attachmentLike = (name: string, i: number) => ({
  ...benchKey(name, i), type: 'bench', id: `${i}`, status: 'pending', filename: 'kaava.pdf', contentType: 'application/pdf', bytes: pdf.length, title,
  objectKey: `bench/${name}/${i}`, createdAt: new Date().toISOString(), expiresAt: Math.floor(Date.now() / 1000) + 3600,
});

export const mapScenarios: Record<string, Scenario> = {
  listCommentFeatures: scenario({
    prepare: (bench) => mappedDraft(bench),
    request: (_bench, draft: OpenDraft) => ({ method: 'GET', path: `/v1/drafts/${draft.id}/comments.geojson?limit=${pageSize}` }),
    expect: 200,
    raw: (draft: OpenDraft) => new QueryCommand({
      TableName: tableName(), IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': `PLACES#${draft.id}` }, Limit: pageSize,
    }),
  }),

  // At most 50 attachments per draft: a new draft every 40 requests.
  createAttachment: scenario({
    prepare: async () => ({ drafts: new Map<number, OpenDraft>() }),
    request: async (bench, state: { drafts: Map<number, OpenDraft> }, i) => {
      const n = Math.floor(i / 40);
      if (!state.drafts.has(n)) state.drafts.set(n, await bench.call<OpenDraft>({ method: 'POST', path: '/v1/drafts', as: staff, body: draftBody(i) }, 201));
      return {
        method: 'POST', path: `/v1/drafts/${state.drafts.get(n)!.id}/attachments`, as: staff,
        body: { filename: `kaava-${i}.pdf`, contentType: 'application/pdf', bytes: pdf.length, title }, headers: { 'idempotency-key': `bench-${bench.runId}-${i}` },
      };
    },
    expect: 201,
    raw: (_state, i) => new PutCommand({ TableName: tableName(), Item: attachmentLike('createAttachment', i), ConditionExpression: 'attribute_not_exists(pk)' }),
  }),

  // Each completes a new upload (made untimed): a HEAD, a ranged GET of 4 KB and one update.
  completeAttachment: scenario({
    prepare: async () => ({ drafts: new Map<number, OpenDraft>() }),
    request: async (bench, state: { drafts: Map<number, OpenDraft> }, i) => {
      const n = Math.floor(i / 40);
      if (!state.drafts.has(n)) state.drafts.set(n, await bench.call<OpenDraft>({ method: 'POST', path: '/v1/drafts', as: staff, body: draftBody(i) }, 201));
      const draft = state.drafts.get(n)!;
      return { method: 'POST', path: `/v1/drafts/${draft.id}/attachments/${await uploaded(bench, draft, i)}/complete`, as: staff };
    },
    expect: 200,
    rawBefore: (_state, i) => [put(attachmentLike('completeAttachment', i))],
    raw: (_state, i) => new UpdateCommand({
      TableName: tableName(), Key: benchKey('completeAttachment', i), UpdateExpression: 'SET #status = :ready, readyAt = :at REMOVE expiresAt',
      ConditionExpression: '#status = :pending', ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':ready': 'ready', ':pending': 'pending', ':at': new Date().toISOString() },
    }),
  }),

  deleteAttachment: scenario({
    prepare: (bench) => attachingDraft(bench),
    request: async (bench, draft: OpenDraft, i) => {
      const id = await uploaded(bench, draft, 1_000_000 + i);
      return { method: 'DELETE', path: `/v1/drafts/${draft.id}/attachments/${id}`, as: staff };
    },
    expect: 204,
    rawBefore: (_state, i) => [put(attachmentLike('deleteAttachment', i))],
    raw: (_state, i) => new DeleteCommand({ TableName: tableName(), Key: benchKey('deleteAttachment', i) }),
  }),
};
