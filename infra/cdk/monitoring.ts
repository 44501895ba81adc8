/**
 * What operators watch: one CloudWatch dashboard and the alarms that page them through an
 * SNS topic (e-mailed to `alarmEmail` when set), from cdk-monitoring-constructs.
 *   every dead-letter queue   a first message (depth), and one waiting over an hour (age):
 *                             PublisherFailures holds pointers to stream records that expire
 *                             24 h after the change, so it must be acted on within the day
 *   every function            errors (crashes, timeouts) and throttles
 *   the API                   5xx answers and p99 latency
 *   the stream publisher      iterator age (the stream falling behind)
 *   EventBridge Scheduler     invocations dropped, or not delivered to their dead-letter queue
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { DefaultDashboardFactory, MonitoringFacade, SnsAlarmActionStrategy } from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';

export interface OperationsProps {
  deploymentName: string;
  /** Where alarms are e-mailed; without it, subscribe to the topic yourself. */
  alarmEmail?: string;
  api: IHttpApi;
  /** Every function by a stable, readable name (`DraftsRead`). */
  functions: Record<string, IFunction>;
  /** The function reading the table's stream. */
  streamConsumer: IFunction;
  /** Every dead-letter queue by name (`PublisherFailures`). */
  deadLetterQueues: Record<string, IQueue>;
}

/** Alarm thresholds: a DLQ is never expected to hold anything, nor a function to crash. */
export const thresholds = {
  deadLetterMaxAge: Duration.hours(1),
  apiP99Latency: Duration.seconds(3),
  api5xxPer5Minutes: 5,
  iteratorAge: Duration.minutes(10),
};

export class Operations extends Construct {
  readonly topic: Topic;
  readonly monitoring: MonitoringFacade;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = this.alarmTopic(props);
    const name = props.deploymentName;
    this.monitoring = new MonitoringFacade(this, 'Monitoring', {
      alarmFactoryDefaults: {
        alarmNamePrefix: name,
        actionsEnabled: true,
        action: new SnsAlarmActionStrategy({ onAlarmTopic: this.topic, onOkTopic: this.topic }),
        datapointsToAlarm: 1,
      },
      metricFactoryDefaults: {},
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: name, createDashboard: true, createSummaryDashboard: false, createAlarmDashboard: false,
      }),
    });
    this.monitoring.addLargeHeader(`${name}: participation API`);
    this.monitoring.monitorApiGatewayV2HttpApi({
      api: props.api,
      alarmFriendlyName: 'Api',
      add5xxCountAlarm: { Critical: { maxErrorCount: thresholds.api5xxPer5Minutes } },
      addLatencyP99Alarm: { Critical: { maxLatency: thresholds.apiP99Latency } },
    });

    this.monitoring.addLargeHeader('Dead-letter queues (redrive: npm run redrive -- QUEUE)');
    for (const [queueName, queue] of Object.entries(props.deadLetterQueues)) {
      this.monitoring.monitorSqsQueue({
        queue,
        alarmFriendlyName: queueName,
        humanReadableName: queueName,
        addQueueMaxSizeAlarm: { Critical: { maxMessageCount: 0 } },
        addQueueMaxMessageAgeAlarm: { Critical: { maxAgeInSeconds: thresholds.deadLetterMaxAge.toSeconds() } },
      });
    }

    this.monitoring.addLargeHeader('Functions');
    for (const [fnName, fn] of Object.entries(props.functions)) {
      this.monitoring.monitorLambdaFunction({
        lambdaFunction: fn,
        alarmFriendlyName: fnName,
        humanReadableName: fnName,
        addFaultCountAlarm: { Critical: { maxErrorCount: 0 } },
        addThrottlesCountAlarm: { Critical: { maxErrorCount: 0 } },
        ...(fn === props.streamConsumer && {
          addMaxIteratorAgeAlarm: { Critical: { maxAgeInMillis: thresholds.iteratorAge.toMilliseconds() } },
        }),
      });
    }

    this.monitoring.addLargeHeader('Deadlines (EventBridge Scheduler)');
    const scheduler = (metricName: string) =>
      new Metric({ namespace: 'AWS/Scheduler', metricName, statistic: 'Sum', period: Duration.minutes(5) });
    this.monitoring.monitorCustom({
      alarmFriendlyName: 'Scheduler',
      humanReadableName: 'EventBridge Scheduler (account-wide in this region)',
      metricGroups: [{
        title: 'Failures',
        metrics: [
          { metric: scheduler('InvocationDroppedCount'), alarmFriendlyName: 'SchedulerDropped', addAlarm: { Critical: this.anyOf() } },
          { metric: scheduler('InvocationsFailedToBeSentToDeadLetterCount'), alarmFriendlyName: 'SchedulerDeadLetterFailed', addAlarm: { Critical: this.anyOf() } },
          { metric: scheduler('TargetErrorCount'), alarmFriendlyName: 'SchedulerTargetErrors', addAlarm: {} },
        ],
      }],
    });
  }

  /**
   * Alarms for functions and dead-letter queues that live in another (nested) stack, on this
   * topic: the same alarms as the stack's own, with no dashboard of their own.
   */
  watch(scope: Construct, props: { deploymentName: string; functions: Record<string, IFunction>; deadLetterQueues: Record<string, IQueue> }): MonitoringFacade {
    const facade = new MonitoringFacade(scope, 'Monitoring', {
      alarmFactoryDefaults: {
        alarmNamePrefix: props.deploymentName,
        actionsEnabled: true,
        action: new SnsAlarmActionStrategy({ onAlarmTopic: this.topic, onOkTopic: this.topic }),
        datapointsToAlarm: 1,
      },
      metricFactoryDefaults: {},
      dashboardFactory: new DefaultDashboardFactory(scope, 'Dashboards', {
        dashboardNamePrefix: props.deploymentName, createDashboard: false, createSummaryDashboard: false, createAlarmDashboard: false,
      }),
    });
    for (const [queueName, queue] of Object.entries(props.deadLetterQueues)) {
      facade.monitorSqsQueue({
        queue, alarmFriendlyName: queueName, humanReadableName: queueName,
        addQueueMaxSizeAlarm: { Critical: { maxMessageCount: 0 } },
        addQueueMaxMessageAgeAlarm: { Critical: { maxAgeInSeconds: thresholds.deadLetterMaxAge.toSeconds() } },
      });
    }
    for (const [fnName, fn] of Object.entries(props.functions)) {
      facade.monitorLambdaFunction({
        lambdaFunction: fn, alarmFriendlyName: fnName, humanReadableName: fnName,
        addFaultCountAlarm: { Critical: { maxErrorCount: 0 } },
        addThrottlesCountAlarm: { Critical: { maxErrorCount: 0 } },
      });
    }
    return facade;
  }

  private anyOf() {
    // No failure publishes no datapoint: that is the healthy state, not missing data.
    return { threshold: 0, comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, treatMissingDataOverride: TreatMissingData.NOT_BREACHING };
  }

  /** Encrypted with a key CloudWatch may use (it cannot publish to a topic under the AWS-managed SNS key). */
  private alarmTopic(props: OperationsProps): Topic {
    const key = new Key(this, 'AlarmKey', { enableKeyRotation: true, description: `${props.deploymentName}: encrypts the alarm topic` });
    key.addToResourcePolicy(new PolicyStatement({
      effect: Effect.ALLOW,
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    }));
    const topic = new Topic(this, 'Alarms', { displayName: `${props.deploymentName} alarms`, masterKey: key, enforceSSL: true });
    if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
    return topic;
  }
}
