import { describe, expect, it } from 'vitest';
import { catalogue, type DomainEvent } from '#events/catalogue.ts';
import { carriedOver, notificationsFor } from '#shared/notifications/rules.ts';
import { Notification } from '#shared/notifications/schema.ts';

const sample = (detailType: DomainEvent['detailType']): DomainEvent =>
  ({ detailType, detail: catalogue.find((d) => d.detailType === detailType)!.sample }) as DomainEvent;

describe('who hears of what', () => {
  it("a draft's followers hear it closed", () => {
    expect(notificationsFor(sample('DraftClosed'))).toEqual([{
      audience: { followersOf: { kind: 'draft', id: '01KAP3Z6X5N7V2J8Q4R9T0W1YB' } },
      key: '',
      content: { event: 'DraftClosed', at: '2026-12-06T10:00:00.000Z', title: { fi: 'Puistosuunnitelma', sv: 'Parkplan' }, draftId: '01KAP3Z6X5N7V2J8Q4R9T0W1YB' },
    }]);
  });

  it('a new comment is delivered to nobody: followers read comment activity from the draft (./activity)', () => {
    expect(notificationsFor(sample('CommentPosted'), { commentAuthor: 'aino', draftTitle: { fi: 'Puisto' } })).toEqual([]);
  });

  it("only the author hears that their comment was hidden, with the reason; an anonymous one, nobody", () => {
    expect(notificationsFor(sample('CommentHidden'), { commentAuthor: 'aino' })[0]).toMatchObject({
      audience: { user: 'aino' }, content: { event: 'CommentHidden', reason: 'Loukkaava kielenkäyttö' },
    });
    expect(notificationsFor(sample('CommentHidden'), {})).toEqual([]);
  });

  it('followers of each draft on a published agenda hear of its item; items without a draft tell nobody', () => {
    const event = sample('AgendaPublished');
    if (event.detailType !== 'AgendaPublished') throw new Error('sample');
    const base = event.detail.items[0]!;
    event.detail = { ...event.detail, items: [base, { ...base, itemId: '01KAP5A0B1C2D3E4F5G6H7J8KE', number: 2, draftId: null }] };
    const plans = notificationsFor(event);
    expect(plans.map((p) => [p.key, p.audience])).toEqual([[base.itemId, { followersOf: { kind: 'draft', id: base.draftId } }]]);
  });

  it("a decision's and an implementation update's news go to the decision's followers", () => {
    expect(notificationsFor(sample('DecisionRecorded'))[0]?.audience).toEqual({ followersOf: { kind: 'decision', id: '01KAP5M0N1P2Q3R4S5T6V7W8X9' } });
    expect(notificationsFor(sample('ImplementationUpdated'))[0]?.audience).toEqual({ followersOf: { kind: 'decision', id: '01KAP5M0N1P2Q3R4S5T6V7W8X9' } });
  });

  it('following a draft carries over to the decision made on it', () => {
    expect(carriedOver(sample('DecisionRecorded'))).toEqual({
      from: { kind: 'draft', id: '01KAP3Z6X5N7V2J8Q4R9T0W1YB' }, to: { kind: 'decision', id: '01KAP5M0N1P2Q3R4S5T6V7W8X9' },
    });
    expect(carriedOver(sample('DraftClosed'))).toBeUndefined();
  });

  it('publishing a draft or closing a poll notifies nobody', () => {
    expect(notificationsFor(sample('DraftPublished'))).toEqual([]);
    expect(notificationsFor(sample('PollClosed'))).toEqual([]);
  });

  it('every notification made from a sample event fits the published schema', () => {
    for (const d of catalogue) {
      for (const plan of notificationsFor(sample(d.detailType), { commentAuthor: 'aino', draftTitle: { fi: 'x' } })) {
        expect(Notification.safeParse({ id: 'n1', unread: true, ...plan.content }).success, d.detailType).toBe(true);
      }
    }
  });
});
