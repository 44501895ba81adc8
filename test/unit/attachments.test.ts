import { describe, expect, it } from 'vitest';
import { eventsOf } from '#events/from-stream.ts';
import { attachmentsMissingAlt, uploadMismatch } from '#shared/attachments/rules.ts';

describe('attachment rules', () => {
  it('a ready image needs alt text in every required language; documents and pending uploads do not', () => {
    // Prepare
    const attachments = [
      { id: 'A', status: 'ready', contentType: 'image/png', alt: { sv: 'Karta' } as Record<string, string> },
      { id: 'B', status: 'ready', contentType: 'application/pdf' },
      { id: 'C', status: 'pending', contentType: 'image/jpeg' },
      { id: 'D', status: 'ready', contentType: 'image/webp', alt: { fi: 'Kartta', sv: 'Karta' } },
    ];
    // Act / Assess
    expect(attachmentsMissingAlt(attachments, ['fi', 'sv'])).toEqual([{ path: 'attachments.A.alt', languages: ['fi'] }]);
  });

  it('stored bytes must have the declared size and the declared signature', () => {
    const declared = { contentType: 'image/png' as const, bytes: 10 };
    expect(uploadMismatch(declared, { bytes: 10, detectedType: 'image/png' })).toBeUndefined();
    expect(uploadMismatch(declared, { bytes: 11, detectedType: 'image/png' })?.path).toBe('bytes');
    expect(uploadMismatch(declared, { bytes: 10, detectedType: 'application/pdf' })?.path).toBe('contentType');
    expect(uploadMismatch(declared, { bytes: 10, detectedType: undefined })?.path).toBe('contentType');
  });
});

describe('AttachmentAdded', () => {
  const pending = {
    pk: 'DRAFT#01KAP3Z6X5N7V2J8Q4R9T0W1YB', sk: 'DRAFT#ATTACHMENT#01KAP5B1C2D3E4F5G6H7J8K9M0', type: 'attachment',
    id: '01KAP5B1C2D3E4F5G6H7J8K9M0', draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB', status: 'pending', filename: 'kaava.pdf',
    contentType: 'application/pdf', bytes: 1234, title: { fi: 'Kaava' }, objectKey: 'attachments/x/y', createdAt: '2026-11-22T10:00:00.000Z',
  };

  it('is published when the bytes are checked, not when the upload starts', () => {
    // Prepare
    const ready = { ...pending, status: 'ready', readyAt: '2026-11-22T10:05:00.000Z' };
    // Act
    const started = eventsOf({ recordId: 'r1', kind: 'INSERT', at: pending.createdAt, new: pending });
    const checked = eventsOf({ recordId: 'r2', kind: 'MODIFY', at: ready.readyAt, old: pending, new: ready });
    const again = eventsOf({ recordId: 'r3', kind: 'MODIFY', at: ready.readyAt, old: ready, new: ready });
    // Assess
    expect(started).toEqual([]);
    expect(again).toEqual([]);
    expect(checked).toEqual([{
      detailType: 'AttachmentAdded',
      detail: {
        eventId: 'r2:AttachmentAdded', occurredAt: ready.readyAt, draftId: pending.draftId, attachmentId: pending.id, sectionId: null,
        title: { fi: 'Kaava' }, contentType: 'application/pdf', bytes: 1234, addedAt: ready.readyAt,
      },
    }]);
  });
});
