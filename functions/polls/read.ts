/** Lambda: reading polls (public), with results for callers allowed to see them. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { isStaff, type Actor } from '#shared/http/actor.ts';
import { notFound } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { getDraftListing } from '#shared/drafts/repository.ts';
import { draftStatus } from '#shared/drafts/rules.ts';
import type { DraftStatus } from '#shared/drafts/schema.ts';
import { votedIn } from '#shared/polls/ballots.ts';
import * as polls from '#shared/polls/repository.ts';
import { resultsVisible } from '#shared/polls/rules.ts';
import { pollView } from '#shared/polls/view.ts';
import { getPoll, listPolls } from '#functions/polls/routes.ts';

/** A draft's polls are as visible as the draft. */
const visibleDraft = async (id: string, actor: Actor | undefined) => {
  const draft = await getDraftListing(id);
  if (!draft || (!draft.publishedAt && !isStaff(actor))) throw notFound('Draft');
  return draft;
};

/** The polls (of `candidates`) whose results this caller may see now; reads ballots only where that decides it. */
async function visibleResults(candidates: polls.PollItem[], status: DraftStatus, actor: Actor | undefined, strong: boolean): Promise<Set<string>> {
  const staff = isStaff(actor);
  const shown = (p: polls.PollItem, voted: boolean) => !!p.closedAt || resultsVisible(p.resultsVisibility, status, { staff, voted });
  const undecided = candidates.filter((p) => !shown(p, false) && shown(p, true));
  const voted = actor && undecided.length > 0 ? await votedIn(undecided.map((p) => p.id), actor.sub, strong ? actor.person : undefined) : new Set<string>();
  return new Set(candidates.filter((p) => shown(p, voted.has(p.id))).map((p) => p.id));
}

export const handler = lambda([
  implement(listPolls, async ({ params, query, actor }) => {
    const now = new Date();
    const draft = await visibleDraft(params.id, actor);
    const status = draftStatus(draft, now);
    const found = await polls.listPolls(params.id, query);
    const visible = await visibleResults(found.items.map((i) => i.poll), status, actor, draft.commenting === 'strong');
    return ok({
      items: found.items.map(({ poll, results }) => pollView(poll, status, visible.has(poll.id) ? results : null)),
      nextCursor: found.nextCursor,
    });
  }),

  implement(getPoll, async ({ params, actor }) => {
    const now = new Date();
    const draft = await visibleDraft(params.id, actor);
    const poll = await polls.getPoll(params.id, params.pid);
    if (!poll) throw notFound('Poll');
    const status = draftStatus(draft, now);
    const visible = await visibleResults([poll], status, actor, draft.commenting === 'strong');
    return ok(pollView(poll, status, visible.has(poll.id) ? await polls.resultsOf(poll) : null));
  }),
]);
