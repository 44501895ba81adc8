/**
 * Who residents and staff are: a Cognito user pool with the groups the API knows
 * (`staff`, `moderator`, `admin`) and the web app's client. Federation to a strong
 * identity provider such as Suomi.fi is configuration on this pool: a SAML provider,
 * `authDomainPrefix` and the web app's callback URLs (see deploymentOptions).
 * Two triggers make the tokens and messages the API needs: pre token generation (V2, ID and
 * access tokens: `identification` strong and `person` for the configured strong providers, a display
 * `name`) and custom message (Cognito's own e-mails in Finnish and Swedish).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery, FeaturePlan, LambdaVersion, Mfa, OAuthScope, StandardThreatProtectionMode, UserPool, UserPoolOperation, type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { AppFunction } from '#infra/cdk/function.ts';
import { Construct } from 'constructs';
import type { DeploymentOptions } from '#infra/cdk/options.ts';

/** The groups a token's `cognito:groups` may carry; `admin` is both of the others. */
const groups = [
  { name: 'admin', precedence: 0, description: 'Staff and moderator rights' },
  { name: 'staff', precedence: 10, description: 'Publishes drafts, polls, meetings, agendas, decisions and results' },
  { name: 'moderator', precedence: 20, description: 'Moderates comments' },
];

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly preTokenGeneration: NodejsFunction;
  readonly customMessage: NodejsFunction;

  constructor(scope: Construct, id: string, options: DeploymentOptions) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier: compromised-credential checks and adaptive blocking of risky sign-ins.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      // Accounts and group memberships are data: a redeploy must never lose them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is offered (TOTP), not required: residents take part with a plain account or through strong ' +
        'identification federated from Suomi.fi, and requiring a second factor would shut out the residents a ' +
        'municipality must reach. Staff accounts are expected to enrol TOTP; threat protection is enforced for all.',
    });

    const environment = {
      REQUIRED_LANGUAGES: options.requiredLanguages.join(','),
      STRONG_IDENTITY_PROVIDERS: options.strongIdentityProviders.join(','),
      STRONG_IDENTITY_CLAIM: options.settings.STRONG_IDENTITY_CLAIM ?? 'person',
    };
    const trigger = (id: string, entry: string, description: string) => new AppFunction(this, id, {
      entry, description, environment, logRetention: options.logRetentionDays, memorySize: 256, timeout: Duration.seconds(5),
    }).handler;
    this.preTokenGeneration = trigger('PreTokenGeneration', 'functions/identity/pre-token.ts', 'Cognito pre token generation: strong identification, person, display name');
    this.customMessage = trigger('CustomMessage', 'functions/identity/custom-message.ts', "Cognito's own messages in Finnish and Swedish");
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.preTokenGeneration, LambdaVersion.V2_0);
    this.userPool.addTrigger(UserPoolOperation.CUSTOM_MESSAGE, this.customMessage);

    for (const g of groups) {
      this.userPool.addGroup(g.name, { groupName: g.name, precedence: g.precedence, description: g.description });
    }

    const oAuth = options.webCallbackUrls.length > 0;
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false, // a browser app cannot keep one
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      ...(oAuth
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls: options.webCallbackUrls,
              logoutUrls: options.webLogoutUrls.length > 0 ? options.webLogoutUrls : options.webCallbackUrls,
            },
          }
        : { disableOAuth: true }),
    });

    if (options.authDomainPrefix) {
      this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: options.authDomainPrefix } });
    }
  }

  /** The `iss` of this pool's tokens. */
  get issuer(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
