/**
 * Object storage and jobs: a private, encrypted, SSL-only bucket whose export files expire;
 * a job queue with a dead-letter queue that monitoring watches; a job function fed by it with
 * access to export objects only; the HTTP functions that start jobs may only queue them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { resources, synthesize, type Synthesized } from './synth.ts';

let out: Synthesized;
let template: Template;

beforeAll(() => {
  out = synthesize({ bundle: false });
  template = out.stateless;
});

const id = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
/** Every statement of the policies attached to `role` (a logical id). */
const statementsOf = (fnConstruct: { role?: IConstruct }) => Object.values(resources(template, 'AWS::IAM::Policy'))
  .filter((p) => JSON.stringify(p.Properties.Roles).includes(id(fnConstruct.role!)))
  .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
const actions = (statements: { Action: string | string[] }[]) => statements.flatMap((s) => [s.Action].flat());

describe('object storage', () => {
  it('the bucket blocks public access, is encrypted, refuses plain HTTP and lets export files expire after 7 days', () => {
    const bucket = out.stacks.stateless.jobs.bucket;
    const props = resources(template, 'AWS::S3::Bucket')[id(bucket)]!.Properties;
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(props.LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ Prefix: 'exports/', ExpirationInDays: 7, Status: 'Enabled' }),
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ]));
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('the job queue and function', () => {
  it('the queue feeds the job function one job at a time and sends what keeps failing to a dead-letter queue that is alarmed', () => {
    const { jobs } = out.stacks.stateless;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [id(jobs.queue), 'Arn'] }, BatchSize: 1, FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const queue = resources(template, 'AWS::SQS::Queue')[id(jobs.queue)]!.Properties;
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [id(jobs.deadLetterQueues.JobFailures!), 'Arn'] }, maxReceiveCount: 5 });
    const alarmed = Object.values(resources(out.operations, 'AWS::CloudWatch::Alarm')).filter((a) => JSON.stringify(a.Properties).includes(id(jobs.deadLetterQueues.JobFailures!)));
    expect(alarmed.length).toBeGreaterThan(0);
  });

  it('the job function may touch export objects only, and reads and writes the table', () => {
    const statements = statementsOf(out.stacks.stateless.jobs.runner);
    const s3 = statements.filter((s) => actions([s]).some((a) => a.startsWith('s3:')));
    expect(s3.length).toBeGreaterThan(0);
    for (const s of s3.filter((x) => !actions([x]).includes('s3:ListBucket'))) expect(JSON.stringify(s.Resource)).toContain('/exports/*');
    expect(actions(statements)).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'sqs:SendMessage', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']));
  });

  it('the HTTP functions that start jobs may queue them; only the export function may read export objects, for its links', () => {
    const { functions } = out.stacks.stateless;
    const exportsJobs = statementsOf(functions['exports/jobs']!);
    const erase = statementsOf(functions['me/erase']!);
    expect(actions(exportsJobs)).toContain('sqs:SendMessage');
    expect(actions(erase)).toContain('sqs:SendMessage');
    expect(actions(exportsJobs).filter((a) => a.startsWith('s3:') && /Put|Delete/.test(a))).toEqual([]);
    expect(actions(erase).filter((a) => a.startsWith('s3:'))).toEqual([]);
    const env = (fn: string) => resources(template, 'AWS::Lambda::Function')[id(functions[fn]!)]!.Properties.Environment.Variables;
    expect(Object.keys(env('exports/jobs'))).toEqual(expect.arrayContaining(['BUCKET_NAME', 'JOB_QUEUE_URL']));
    expect(Object.keys(env('me/erase'))).toContain('JOB_QUEUE_URL');
  });
});

describe('attachments in object storage', () => {
  it('attachment functions touch attachment objects only: uploads presigned by one, checked by another, read through links drafts hand out', () => {
    // Prepare
    const { functions } = out.stacks.stateless;
    const s3Of = (fn: string) => statementsOf(functions[fn]!).filter((s) => actions([s]).some((a) => a.startsWith('s3:')));
    // Act
    const write = s3Of('attachments/write');
    const complete = s3Of('attachments/complete');
    const read = [...s3Of('drafts/read'), ...s3Of('drafts/write')];
    // Assess
    for (const s of [...write, ...complete, ...read].filter((x) => !actions([x]).includes('s3:ListBucket'))) {
      expect(JSON.stringify(s.Resource)).toContain('/attachments/*');
    }
    expect(actions(write).sort()).toEqual(['s3:DeleteObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions(complete).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket']);
    expect(actions(read)).toEqual(['s3:GetObject', 's3:GetObject']);
    const env = (fn: string) => resources(template, 'AWS::Lambda::Function')[id(functions[fn]!)]!.Properties.Environment.Variables;
    for (const fn of ['drafts/read', 'drafts/write', 'attachments/write', 'attachments/complete']) expect(Object.keys(env(fn))).toContain('BUCKET_NAME');
    expect(s3Of('comments/write')).toEqual([]);
  });

  it('the bucket lets the configured web apps upload and download with CORS', () => {
    // Prepare
    const withCors = synthesize({ bundle: false, context: { corsAllowOrigins: 'https://osallistu.example.fi' } });
    // Act
    const bucket = resources(withCors.stateless, 'AWS::S3::Bucket')[Stack.of(withCors.stacks.stateless.jobs.bucket).getLogicalId(withCors.stacks.stateless.jobs.bucket.node.defaultChild as CfnElement)]!;
    // Assess
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedOrigins: ['https://osallistu.example.fi'], AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['content-type'] }),
    ]);
  });
});
