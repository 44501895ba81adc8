/** Lambda: staff add polls to drafts. */
import { settings } from '#shared/config.ts';
import { lambda, implement } from '#shared/http/lambda.ts';
import { invalidPoll, missingLanguages, notFound, unprocessable } from '#shared/http/problem.ts';
import { created } from '#shared/http/reply.ts';
import { missingLanguages as lacking } from '#shared/schema.ts';
import { getDraft } from '#shared/drafts/repository.ts';
import { draftStatus } from '#shared/drafts/rules.ts';
import type { DraftStatus } from '#shared/drafts/schema.ts';
import * as polls from '#shared/polls/repository.ts';
import { choiceLimit } from '#shared/polls/rules.ts';
import { pollView } from '#shared/polls/view.ts';
import { createPoll } from '#functions/polls/routes.ts';

const pollCreated = (poll: polls.PollItem, status: DraftStatus, results: Parameters<typeof pollView>[2]) =>
  created(pollView(poll, status, results), `/v1/drafts/${poll.draftId}/polls/${poll.id}`);

export const handler = lambda([
  implement(createPoll, async ({ params, body, newId }) => {
    const now = new Date();
    const draft = await getDraft(params.id, true);
    if (!draft) throw notFound('Draft');
    if (body.sectionId && !draft.sections.some((s) => s.id === body.sectionId)) {
      throw unprocessable('The draft has no such section.', [{ path: 'body.sectionId', message: 'unknown section' }]);
    }
    const limit = choiceLimit(body.type, body.options.length, body.maxChoices);
    if (typeof limit !== 'number') throw invalidPoll([limit]);
    // A poll is public as soon as its draft is: it needs every required language up front.
    const required = settings().requiredLanguages;
    const missing = [
      { path: 'body.question', languages: lacking(body.question, required) },
      ...body.options.map((o, i) => ({ path: `body.options.${i}.text`, languages: lacking(o.text, required) })),
    ].filter((m) => m.languages.length > 0);
    if (missing.length > 0) throw missingLanguages(missing);
    const poll = await polls.createPoll({
      draftId: draft.id, sectionId: body.sectionId, question: body.question, options: body.options, kind: body.type,
      maxChoices: limit, resultsVisibility: body.resultsVisibility, shards: settings().pollCounterShards,
    }, now, newId);
    return pollCreated(poll, draftStatus(draft, now), { total: 0, options: poll.options.map((o) => ({ id: o.id, count: 0 })) });
  }, async ({ params }, id) => {
    const [draft, poll] = await Promise.all([getDraft(params.id, true), polls.getPoll(params.id, id, true)]);
    return draft && poll && pollCreated(poll, draftStatus(draft, new Date()), await polls.resultsOf(poll));
  }),
]);
