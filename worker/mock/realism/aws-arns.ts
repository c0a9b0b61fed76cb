import type { Ctx } from '../generate/context';
import { words } from '../generate/formats';

/** Services whose resources live in no region: their ARNs leave the region empty. */
const GLOBAL = new Set(['iam', 'sts', 'cloudfront', 'route53', 'organizations', 's3']);

/**
 * The service a resource of this kind belongs to, before the API's own: a role or policy is IAM's
 * wherever it is named (`ExecutionRoleArn` in a Step Functions call), the others by how the name
 * begins (`TopicArn`; `TargetGroupArn` is the load balancer's, not an IAM group).
 */
const SERVICE_OF: [RegExp, string][] = [
  [/role|policy|instanceprofile/, 'iam'],
  [/^topic|^subscription/, 'sns'],
  [/^queue/, 'sqs'],
  [/^function|^layer/, 'lambda'],
  [/^kmskey|^key$/, 'kms'],
  [/^bucket/, 's3'],
  [/^secret/, 'secretsmanager'],
  [/^statemachine/, 'states'],
  [/^table|^stream/, 'dynamodb'],
];

/**
 * An Amazon Resource Name for a member named `…Arn`: `arn:aws:sns:us-east-1:123456789012:topic/…`.
 * The service is the one the name points to (`RoleArn` → iam), else the API's own where its host
 * is AWS's (`rds.{region}.amazonaws.com`); the account is the one AWS's documentation uses.
 */
export function arnFor(name: string, ctx: Ctx): string {
  const written = name
    .replace(/[_-]?(arn|Arn|ARN)$/, '')
    .replace(/[_-]/g, '')
    .toLowerCase();
  // IAM's own resource types end the name (`ExecutionRoleArn` is a `role/…`).
  const resource = /(role|policy|instanceprofile)$/.exec(written)?.[1] ?? written;
  const host = ctx.realism.apiHost;
  const own = host?.endsWith('.amazonaws.com') ? host.split('.')[0] : undefined;
  const named = SERVICE_OF.find(([re]) => re.test(resource))?.[1];
  const service = named ?? (own !== undefined && !own.includes('{') ? own : 'iam');
  const region = GLOBAL.has(service) ? '' : 'us-east-1';
  const id = words(ctx, 2, '-');
  return `arn:aws:${service}:${region}:123456789012:${resource === '' ? id : `${resource}/${id}`}`;
}
