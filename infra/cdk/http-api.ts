/**
 * The HTTP API: every deployed route of the route table on the function it names, behind
 * the authorizer its access calls for, a `$default` route answering problem+json 404/405,
 * JSON access logs and stage-wide throttling.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination, type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { deployedRoutes } from '#functions/routes.ts';
import type { Access } from '#shared/http/route.ts';
import { routeKey } from '#shared/http/route.ts';
import { AppFunction, constructId } from '#infra/cdk/function.ts';
import { cors } from '#infra/cors.ts';

export interface HttpApiProps {
  /** The HTTP functions by route-table name. */
  functions: Record<string, NodejsFunction>;
  /** Token issuer (the user pool) and audience (the web client id). */
  issuer: string;
  audience: string;
  /** Settings for the authorizer and fallback functions (no table, no secret). */
  environment: Record<string, string>;
  throttle: { rateLimit: number; burstLimit: number };
  corsAllowOrigins: string[];
  logRetention: RetentionDays;
}

/** One JSON object per request; no token, body or query string is ever logged. */
const accessLogFormat = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  method: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
}));

export class ParticipationApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** Base URL of the API (`https://<id>.execute-api.<region>.amazonaws.com/`). */
  readonly url: string;
  /** The API's own functions (not the route table's): `Fallback`, `OptionalTokenAuthorizer`. */
  readonly ownFunctions: Record<string, NodejsFunction> = {};

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const fallback = new AppFunction(this, 'Fallback', {
      entry: 'functions/platform/fallback.ts',
      description: 'HTTP $default: problem+json 404 for unknown paths, 405 for wrong methods',
      environment: props.environment,
      logRetention: props.logRetention,
      memorySize: 256,
      timeout: Duration.seconds(3),
    });
    this.ownFunctions.Fallback = fallback.handler;

    this.api = new HttpApi(this, 'Api', {
      description: `${Stack.of(scope).stackName}: participation API`,
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('FallbackIntegration', fallback.handler, { scopePermissionToRoute: false }),
      ...(props.corsAllowOrigins.length > 0 && {
        corsPreflight: {
          allowOrigins: props.corsAllowOrigins,
          allowMethods: cors.allowMethods.map((m) => CorsHttpMethod[m]),
          allowHeaders: [...cors.allowHeaders],
          exposeHeaders: [...cors.exposeHeaders],
          maxAge: Duration.seconds(cors.maxAgeSeconds),
        },
      }),
    });
    const defaultRoute = this.api.node.findChild('DefaultRoute');
    Validations.of(defaultRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The $default route only answers problem+json 404/405 for paths and methods the API does not have; it reads nothing.',
    });

    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(new LogGroup(this, 'AccessLogs', { retention: props.logRetention })),
        format: accessLogFormat,
      },
    });
    this.url = this.stage.url;

    this.addRoutes(props, this.authorizers(props));
  }

  /** The authorizer each kind of access calls for; `public` has none. */
  private authorizers(props: HttpApiProps): Record<Access, IHttpRouteAuthorizer> {
    const jwt = new HttpJwtAuthorizer('Jwt', props.issuer, { jwtAudience: [props.audience] });
    const optionalToken = new AppFunction(this, 'OptionalTokenAuthorizer', {
      entry: 'functions/platform/authorizer.ts',
      description: 'Lambda authorizer for routes where a token is optional',
      environment: { ...props.environment, TOKEN_ISSUER: props.issuer, TOKEN_AUDIENCE: props.audience },
      logRetention: props.logRetention,
      memorySize: 512,
      timeout: Duration.seconds(5),
    });
    this.ownFunctions.OptionalTokenAuthorizer = optionalToken.handler;
    // No identity source and no caching: API Gateway calls the authorizer for every request,
    // with or without an Authorization header (with one, a missing header would be a 401).
    const optional = new HttpLambdaAuthorizer('OptionalToken', optionalToken.handler, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });
    return { public: new HttpNoneAuthorizer(), optional, resident: jwt, staff: jwt, moderator: jwt };
  }

  private addRoutes(props: HttpApiProps, authorizers: Record<Access, IHttpRouteAuthorizer>): void {
    const integrations: Record<string, HttpLambdaIntegration> = {};
    for (const route of deployedRoutes) {
      // One permission per function for this API rather than one per route: fewer resources, same callers.
      integrations[route.fn] ??= new HttpLambdaIntegration(`${constructId(route.fn)}Integration`, props.functions[route.fn]!, { scopePermissionToRoute: false });
      const httpRoutes = this.api.addRoutes({
        path: route.path,
        // No HEAD routes beside the GETs: the stack is near CloudFormation's 500-resource limit (the
        // handlers answer `HEAD /path` without a body once routed; see shared/http/lambda.ts).
        methods: [HttpMethod[route.method]],
        integration: integrations[route.fn]!,
        authorizer: authorizers[route.access],
      });
      if (route.access === 'public') {
        for (const httpRoute of httpRoutes) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${routeKey(route)} is public by the API contract: anyone may call it without a token.`,
          });
        }
      }
    }
  }
}
