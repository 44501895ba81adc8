/** The CDK app (`npx cdk synth`, `npx cdk deploy --all`): see deployment.ts. */
import { App } from 'aws-cdk-lib';
import { deployment } from '#infra/cdk/deployment.ts';

deployment(new App());
