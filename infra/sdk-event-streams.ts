/**
 * Stands in for `@smithy/core/event-streams` in Lambda bundles. The SDK's protocols load it
 * (a dynamic import) only to send or read an operation's event stream, and no operation of
 * the clients the functions bundle (DynamoDB, EventBridge, SQS, Scheduler) has one:
 * test/unit/bundle-sdk.test.ts checks every operation of every client a function bundles.
 * The event-stream codec is about 13 KB minified in every function. Should an event stream
 * ever be asked for, this fails loudly instead of sending something else.
 */
throw new Error('event streams are not bundled in Lambda functions (infra/sdk-event-streams.ts)');
