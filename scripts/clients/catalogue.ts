import type { ClientFlow } from './flow';
import { asanaFlow } from './flows/asana';
import {
  cloudWatchFlow,
  dynamoDbFlow,
  secretsManagerFlow,
  sqsFlow,
  stepFunctionsFlow,
} from './flows/aws-json';
import { ec2Flow, iamFlow, snsFlow, stsFlow } from './flows/aws-query';
import { apiGatewayFlow, eksFlow } from './flows/aws-rest-json';
import { cloudFrontFlow, route53Flow, s3Flow } from './flows/aws-rest-xml';
import { boxFlow } from './flows/box';
import { digitaloceanFlow } from './flows/digitalocean';
import { kubernetesFlow } from './flows/kubernetes';
import { launchdarklyFlow } from './flows/launchdarkly';
import { muxFlow } from './flows/mux';
import { netlifyFlow } from './flows/netlify';
import { notionFlow } from './flows/notion';
import { octokitFlow } from './flows/octokit';
import { openaiFlow } from './flows/openai';
import { openapiFetchFlow } from './flows/openapi-fetch';
import { plaidFlow } from './flows/plaid';
import { postmarkFlow } from './flows/postmark';
import { sendgridFlow } from './flows/sendgrid';
import { slackFlow } from './flows/slack';
import { squareFlow } from './flows/square';
import { stripeFlow } from './flows/stripe';
import { telnyxFlow } from './flows/telnyx';
import { twilioFlow } from './flows/twilio';

/** Every SDK the suite runs, in the table's order: the three first, the generated client last. */
export const FLOWS: ClientFlow[] = [
  stripeFlow,
  octokitFlow,
  twilioFlow,
  openaiFlow,
  slackFlow,
  notionFlow,
  muxFlow,
  plaidFlow,
  asanaFlow,
  sendgridFlow,
  netlifyFlow,
  squareFlow,
  digitaloceanFlow,
  boxFlow,
  launchdarklyFlow,
  postmarkFlow,
  telnyxFlow,
  kubernetesFlow,
  secretsManagerFlow,
  stepFunctionsFlow,
  dynamoDbFlow,
  iamFlow,
  stsFlow,
  snsFlow,
  ec2Flow,
  cloudWatchFlow,
  sqsFlow,
  s3Flow,
  cloudFrontFlow,
  route53Flow,
  apiGatewayFlow,
  eksFlow,
  openapiFetchFlow,
];
