/** Lambda: staff give and withdraw official responses to comments. */
import { lambda, implement } from '#shared/http/lambda.ts';
import { noContent, ok } from '#shared/http/reply.ts';
import { commentView } from '#shared/comments/repository.ts';
import { respond, withdrawResponse } from '#shared/comments/responses.ts';
import { respondToComment, withdrawCommentResponse } from '#functions/comments/routes.ts';

export const handler = lambda([
  implement(respondToComment, async ({ params, body }) => ok(commentView(await respond(params.id, params.cid, body.body, new Date())))),

  implement(withdrawCommentResponse, async ({ params }) => {
    await withdrawResponse(params.id, params.cid);
    return noContent();
  }),
]);
