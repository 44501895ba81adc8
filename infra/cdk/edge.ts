/**
 * CloudFront in front of the HTTP API, under the web ACL of WebAclStack. Caching follows
 * the origin: a public read that answers `public, max-age` is kept that long (by path and
 * query string), anything else (`no-store`, `private`) is not kept at all. Authorization is
 * part of the cache key too, so even a mistake at the origin could never serve one caller's
 * answer to another.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CacheCookieBehavior, CacheHeaderBehavior, CachePolicy, CacheQueryStringBehavior, CachedMethods, Distribution,
  HttpVersion, OriginProtocolPolicy, OriginRequestCookieBehavior, OriginRequestHeaderBehavior, OriginRequestPolicy,
  OriginRequestQueryStringBehavior, PriceClass, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EdgeProps {
  deploymentName: string;
  api: IHttpApi;
  /** ARN of the CLOUDFRONT-scoped web ACL (from us-east-1). */
  webAclArn: string;
}

/**
 * What reaches the API besides `Authorization` and `Origin` (which the cache policy forwards):
 * the headers the API reads, and the viewer's address for per-address limits. CloudFront's
 * `Host` never does: API Gateway answers only its own name.
 */
export const forwardedHeaders = [
  'Content-Type', 'If-Match', 'If-None-Match', 'If-Modified-Since', 'Idempotency-Key',
  'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'CloudFront-Viewer-Address',
];

export class Edge extends Construct {
  readonly distribution: Distribution;
  /**
   * The value CloudFront adds to every request it forwards as `X-Origin-Verify`; the API trusts
   * `CloudFront-Viewer-Address` only beside it (see shared/http/client-address.ts). A template
   * reference to a generated secret, given to the HTTP functions as ORIGIN_VERIFY.
   */
  readonly originVerify: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const secret = new Secret(this, 'OriginVerify', {
      description: `${props.deploymentName}: the header value by which the API knows a request came through CloudFront`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating it needs CloudFront and the functions updated together, which a redeploy with a new value does; ' +
        'it vouches only for the viewer-address header, guarding no data.',
    });
    this.originVerify = secret.secretValue.unsafeUnwrap();
    const origin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { 'X-Origin-Verify': this.originVerify },
    });
    const originRequestPolicy = new OriginRequestPolicy(this, 'ToApi', {
      comment: `${props.deploymentName}: the headers the API reads, and the viewer's address`,
      headerBehavior: OriginRequestHeaderBehavior.allowList(...forwardedHeaders),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });
    const cachePolicy = new CachePolicy(this, 'FollowOrigin', {
      comment: `${props.deploymentName}: keeps only what the API marks public, by path and query string`,
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0), // no Cache-Control, no caching
      maxTtl: Duration.minutes(5),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization', 'Origin'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${props.deploymentName}: participation API`,
      defaultBehavior: {
        origin,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy,
        originRequestPolicy,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        compress: true,
      },
      webAclId: props.webAclArn,
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logBucket(),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: residents take part from abroad too (travel, studies, cross-border work); abuse is met by the WAF rules.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate is used until a municipality attaches its own domain, and with it CloudFront ' +
        'cannot set a minimum TLS version; clients reach it over HTTPS only.',
    });
  }

  /** CloudFront standard logs: kept 90 days, private, encrypted. */
  private logBucket(): Bucket {
    const bucket = new Bucket(this, 'Logs', {
      objectOwnership: ObjectOwnership.OBJECT_WRITER, // CloudFront standard logging writes with ACLs
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket holds the access logs themselves; logging its own access would log into itself or need a bucket per bucket.',
    });
    return bucket;
  }
}
