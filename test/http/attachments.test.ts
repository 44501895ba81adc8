/**
 * Attachments through the local runtime and its S3-compatible store: presigned upload, the
 * check of the file's own signature on complete, download links, alt text before
 * publishing, deletion with the object, and exports that list them.
 */
import { deflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { storedBytes } from '#shared/storage/signed.ts';
import { staff, useLocalApi } from '../support/local.ts';
import { draftBody, inDays, openDraft, unpublishedDraft } from '../support/fixtures.ts';

const api = useLocalApi();

/** A small but real PDF. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n' + 'x'.repeat(3000), 'latin1');

/** A real 1×1 PNG. */
const png = (() => {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0, 255]))), chunk('IEND', Buffer.alloc(0)),
  ]);
})();

const title = { fi: 'Asemakaavakartta', sv: 'Detaljplanekarta' };

/** Starts an attachment on `draftId` and PUTs `bytes` to its upload URL. */
async function upload(draftId: string, bytes: Buffer, declared: Record<string, unknown>) {
  const started = await api.request('POST', `/v1/drafts/${draftId}/attachments`, {
    as: staff, body: { filename: 'kaava.pdf', contentType: 'application/pdf', bytes: bytes.length, title, ...declared },
  });
  if (started.status !== 201) throw new Error(`start attachment: ${started.status} ${started.text}`);
  const put = await fetch(started.body.upload.url, { method: 'PUT', headers: started.body.upload.headers, body: bytes });
  if (!put.ok) throw new Error(`upload: ${put.status} ${await put.text()}`);
  return started.body as { id: string; status: string };
}

const complete = (draftId: string, id: string) => api.request('POST', `/v1/drafts/${draftId}/attachments/${id}/complete`, { as: staff });

describe('attachments', () => {
  it('a PDF uploaded through its presigned URL is ready and downloads byte for byte', async () => {
    // Prepare
    const draft = await openDraft(api);
    const started = await upload(draft.id, pdf, {});
    // Act
    const done = await complete(draft.id, started.id);
    const read = await api.request('GET', `/v1/drafts/${draft.id}`);
    const download = await fetch(read.body.attachments[0].url);
    // Assess
    expect(started.status).toBe('pending');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: started.id, status: 'ready', contentType: 'application/pdf', bytes: pdf.length, title, alt: null });
    expect(read.body.attachments).toEqual([expect.objectContaining({ id: started.id, title, filename: 'kaava.pdf', sectionId: null })]);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('a pending attachment is not shown, and completing it again answers it as it is', async () => {
    // Prepare
    const draft = await openDraft(api);
    const started = await upload(draft.id, pdf, {});
    // Act
    const before = await api.request('GET', `/v1/drafts/${draft.id}`);
    const first = await complete(draft.id, started.id);
    const again = await complete(draft.id, started.id);
    // Assess
    expect(before.body.attachments).toEqual([]);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('PDF bytes declared as PNG are 422 and the object is gone', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    const started = await upload(draft.id, pdf, { contentType: 'image/png', filename: 'kuva.png', alt: { fi: 'Kuva' } });
    // Act
    const res = await complete(draft.id, started.id);
    const read = await api.request('GET', `/v1/drafts/${draft.id}`, { as: staff });
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/\/attachment-rejected$/);
    expect(res.body.errors[0]).toMatchObject({ path: 'upload.contentType' });
    expect(await storedBytes(`attachments/${draft.id}/${started.id}`)).toBeUndefined();
    expect(read.body.attachments).toEqual([]);
    expect((await complete(draft.id, started.id)).status).toBe(404);
  });

  it('bytes other than the declared size are 422 and the object is gone', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    const started = await api.request('POST', `/v1/drafts/${draft.id}/attachments`, {
      as: staff, body: { filename: 'kaava.pdf', contentType: 'application/pdf', bytes: pdf.length + 10, title },
    });
    await fetch(started.body.upload.url, { method: 'PUT', headers: started.body.upload.headers, body: pdf });
    // Act
    const res = await complete(draft.id, started.body.id);
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'upload.bytes' });
    expect(await storedBytes(`attachments/${draft.id}/${started.body.id}`)).toBeUndefined();
  });

  it('completing before anything was uploaded is 409 upload-missing', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    const started = await api.request('POST', `/v1/drafts/${draft.id}/attachments`, {
      as: staff, body: { filename: 'kaava.pdf', contentType: 'application/pdf', bytes: 100, title },
    });
    // Act
    const res = await complete(draft.id, started.body.id);
    // Assess
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/\/upload-missing$/);
  });

  it('publishing with an image lacking alt text is 422 naming what is missing', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    const image = await upload(draft.id, png, { contentType: 'image/png', filename: 'kuva.png', alt: { sv: 'Karta över området' } });
    expect((await complete(draft.id, image.id)).status).toBe(200);
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/publish`, { as: staff, body: { closesAt: inDays(14) } });
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/\/missing-languages$/);
    expect(res.body.missing).toEqual([{ path: `attachments.${image.id}.alt`, languages: ['fi'] }]);
  });

  it('an image on a published draft needs its alt text at once', async () => {
    // Prepare
    const draft = await openDraft(api);
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/attachments`, {
      as: staff, body: { filename: 'kuva.png', contentType: 'image/png', bytes: png.length, title },
    });
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.alt');
  });

  it('an image with alt text in the required languages publishes, and belongs to its section', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    const image = await upload(draft.id, png, {
      contentType: 'image/png', filename: 'kuva.png', alt: { fi: 'Kartta alueesta' }, sectionId: draft.sections[1]!.id,
    });
    await complete(draft.id, image.id);
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/publish`, { as: staff, body: { closesAt: inDays(14) } });
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.attachments).toEqual([expect.objectContaining({ id: image.id, sectionId: draft.sections[1]!.id, alt: { fi: 'Kartta alueesta' } })]);
  });

  it('an unknown section is 422', async () => {
    // Prepare
    const draft = await unpublishedDraft(api);
    // Act
    const res = await api.request('POST', `/v1/drafts/${draft.id}/attachments`, {
      as: staff, body: { filename: 'kaava.pdf', contentType: 'application/pdf', bytes: 100, title, sectionId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB' },
    });
    // Assess
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('body.sectionId');
  });

  it('deleting an attachment deletes its object', async () => {
    // Prepare
    const draft = await openDraft(api);
    const started = await upload(draft.id, pdf, {});
    await complete(draft.id, started.id);
    // Act
    const res = await api.request('DELETE', `/v1/drafts/${draft.id}/attachments/${started.id}`, { as: staff });
    const read = await api.request('GET', `/v1/drafts/${draft.id}`);
    // Assess
    expect(res.status).toBe(204);
    expect(await storedBytes(`attachments/${draft.id}/${started.id}`)).toBeUndefined();
    expect(read.body.attachments).toEqual([]);
    expect((await api.request('DELETE', `/v1/drafts/${draft.id}/attachments/${started.id}`, { as: staff })).status).toBe(404);
  });

  it('a draft export lists its attachments, as JSON and as CSV', async () => {
    // Prepare
    const draft = await openDraft(api);
    const started = await upload(draft.id, pdf, {});
    await complete(draft.id, started.id);
    // Act
    const json = await api.request('GET', `/v1/drafts/${draft.id}/export?format=json`, { as: staff });
    const csv = await api.request('GET', `/v1/drafts/${draft.id}/export?format=csv`, { as: staff });
    // Assess
    expect(json.body.attachments).toEqual([expect.objectContaining({ id: started.id, filename: 'kaava.pdf', contentType: 'application/pdf', bytes: pdf.length, title })]);
    expect(csv.text).toContain(`attachment,${started.id},`);
    expect(csv.text).toContain('Asemakaavakartta (kaava.pdf)');
  });

  it('an unknown draft is 404', async () => {
    // Act
    const res = await api.request('POST', '/v1/drafts/01KAP3Z6X5N7V2J8Q4R9T0W1YB/attachments', {
      as: staff, body: { filename: 'kaava.pdf', contentType: 'application/pdf', bytes: 100, title },
    });
    // Assess
    expect(res.status).toBe(404);
    expect(draftBody).toBeDefined();
  });
});
