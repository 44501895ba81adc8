/** Lambda: the API's `$default` route, so unknown paths and wrong methods answer problem+json 404/405. */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResult } from '#shared/http/lambda.ts';
import { matcher } from '#shared/http/match.ts';
import { methodNotAllowed, notFound } from '#shared/http/problem.ts';
import { deployedRoutes } from '#functions/routes.ts';

const match = matcher(deployedRoutes);

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const { allow } = match(event.requestContext.http.method, event.rawPath);
  return problemResult(allow.length > 0 ? methodNotAllowed(allow) : notFound('Route'));
};
