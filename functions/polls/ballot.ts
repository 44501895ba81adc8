/** Lambda: residents cast, replace and read their own ballots. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { Problem, invalidBallot, notFound, participationClosed } from '#shared/http/problem.ts';
import { ok } from '#shared/http/reply.ts';
import { getDraftListing } from '#shared/drafts/repository.ts';
import { isOpen } from '#shared/drafts/rules.ts';
import { participant } from '#shared/comments/rules.ts';
import { ballotView, castBallot as cast, ownBallot } from '#shared/polls/ballots.ts';
import { getPoll } from '#shared/polls/repository.ts';
import { ballotErrors } from '#shared/polls/rules.ts';
import { castBallot, getBallot } from '#functions/polls/routes.ts';

/** The published draft and its poll, or 404. */
async function pollOf(draftId: string, pollId: string, consistent: boolean) {
  const draft = await getDraftListing(draftId, consistent);
  if (!draft?.publishedAt) throw notFound('Draft');
  const poll = await getPoll(draftId, pollId);
  if (!poll) throw notFound('Poll');
  return { draft, poll };
}

export const handler = lambda([
  implement(castBallot, async ({ params, body, actor }) => {
    const now = new Date();
    const { draft, poll } = await pollOf(params.id, params.pid, true);
    // Polls follow the draft's mode; the route always needs a token, so `anonymous` counts signed-in people.
    const who = participant(draft.commenting, actor);
    if (who instanceof Problem) throw who;
    if (!isOpen(draft, now) || poll.closedAt) throw participationClosed();
    const errors = ballotErrors(poll, body.optionIds);
    if (errors.length > 0) throw invalidBallot(errors);
    return ok(ballotView(await cast(poll, actor!.sub, body.optionIds, who.person)));
  }),

  implement(getBallot, async ({ params, actor }) => {
    const { draft, poll } = await pollOf(params.id, params.pid, false);
    const ballot = await ownBallot(poll.id, actor!.sub, draft.commenting === 'strong' ? actor!.person : undefined);
    if (!ballot) throw notFound('Ballot');
    return ok(ballotView(ballot));
  }),
]);
