/** Routes of polls on drafts and residents' ballots. */
import { route } from '#shared/http/route.ts';
import { PageQuery, page } from '#shared/schema.ts';
import { DraftParams } from '#shared/drafts/schema.ts';
import { Ballot, BallotBody, CreatePollBody, Poll, PollParams } from '#shared/polls/schema.ts';

const tag = 'Polls';

export const createPoll = route({
  operationId: 'createPoll', method: 'POST', path: '/v1/drafts/{id}/polls', fn: 'polls/write', access: 'staff', tag,
  summary: 'Add a poll to a draft (optionally on one of its sections)',
  description: 'Every required language must be present in the question and options. A closed draft takes no new polls (409).',
  params: DraftParams, body: CreatePollBody, idempotent: true,
  responses: { 201: { description: 'The poll with its option ids', schema: Poll } },
});

export const listPolls = route({
  operationId: 'listPolls', method: 'GET', path: '/v1/drafts/{id}/polls', fn: 'polls/read', access: 'optional', tag,
  summary: "A draft's polls, oldest first",
  description: '`results` is `null` unless visible to this caller: always, after this caller voted (`after-vote`), once the draft has closed, or to staff.',
  params: DraftParams, query: PageQuery,
  cacheMaxAge: 10,
  responses: { 200: { description: 'A page of polls', schema: page(Poll) } },
});

export const getPoll = route({
  operationId: 'getPoll', method: 'GET', path: '/v1/drafts/{id}/polls/{pid}', fn: 'polls/read', access: 'optional', tag,
  summary: 'One poll, with results when visible to this caller',
  params: PollParams,
  cacheMaxAge: 10,
  responses: { 200: { description: 'The poll', schema: Poll } },
});

export const castBallot = route({
  operationId: 'castBallot', method: 'PUT', path: '/v1/drafts/{id}/polls/{pid}/ballot', fn: 'polls/ballot', access: 'resident', tag,
  summary: 'Cast or replace your ballot while the draft is open',
  description:
    "One ballot per person: a repeat replaces it. Follows the draft's mode: `strong` needs strong identification (403), `none` takes no ballots (409). " +
    'In `anonymous` mode a ballot still needs a token, because one ballot per person needs a stable identity. ' +
    'Closed: 409. Empty, duplicate or unknown option ids, or more than `maxChoices`: 422. Answers 200 whether the ballot was new or replaced.',
  params: PollParams, body: BallotBody,
  responses: { 200: { description: 'Your ballot', schema: Ballot } },
});

export const getBallot = route({
  operationId: 'getBallot', method: 'GET', path: '/v1/drafts/{id}/polls/{pid}/ballot', fn: 'polls/ballot', access: 'resident', tag,
  summary: 'Your own ballot in a poll (404 when you have not voted)',
  params: PollParams,
  responses: { 200: { description: 'Your ballot', schema: Ballot } },
});

export const pollRoutes = [createPoll, listPolls, getPoll, castBallot, getBallot];
