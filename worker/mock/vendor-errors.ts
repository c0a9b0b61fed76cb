import { PROBLEMS, type Problem } from '../http/problem';
import { awsQueryWire } from './aws-query';
import { queryErrorCode, queryErrorXml, restErrorCode, restErrorXml, speaksRestXml } from './aws-xml';
import { WIRE_HEADER } from './aws-wire';
import type { MockOutcome, MockRequest, MockResponse } from './call';
import type { Plan } from './plan';
import { diagnosis, PROBLEM_HEADER } from './refusal';

/**
 * A refusal the description gives no error response for (OpenAI's, Mux's, Twilio's and Notion's
 * describe none) still has to reach the SDK as the SDK's own error: SDKs read the vendor's envelope,
 * not problem+json. For a few hosts whose envelope is documented and fixed, the refusal is answered
 * in it; every other one stays problem+json and also carries the members generated SDKs read
 * (`message`, and `error.message`/`error.messages` as Stainless-built SDKs do), which RFC 9457 allows
 * as extension members. Only 4xx refusals: a 5xx is the mock's own failure and stays a plain problem.
 */
interface Envelope {
  /** Matches the server's host name or any subdomain of it. */
  host: string;
  body: (status: number, message: string) => Record<string, unknown>;
  headers?: (status: number) => Record<string, string>;
}

/**
 * AWS's JSON protocol names an error by its type (`__type`, and the `x-amzn-errortype` header the
 * SDKs read first); an SDK raises it as that exception.
 */
const AWS_TYPES: Record<number, string> = {
  400: 'ValidationException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'UnknownOperationException',
  405: 'UnknownOperationException',
  413: 'RequestEntityTooLargeException',
  415: 'SerializationException',
  422: 'ValidationException',
  429: 'ThrottlingException',
};
const awsType = (status: number): string => AWS_TYPES[status] ?? 'ValidationException';

/** Notion's documented `code` per status (developers.notion.com/reference/status-codes). */
const NOTION_CODES: Record<number, string> = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'restricted_resource',
  404: 'object_not_found',
  409: 'conflict_error',
  422: 'validation_error',
  429: 'rate_limited',
};

/** Twilio's numeric error codes for the generic statuses (twilio.com/docs/api/errors). */
const TWILIO_CODES: Record<number, number> = { 400: 20001, 401: 20003, 404: 20404, 405: 20004, 429: 20429 };

const ENVELOPES: Envelope[] = [
  {
    host: 'amazonaws.com',
    body: (status, message) => ({ __type: awsType(status), message }),
    headers: (status) => ({ 'x-amzn-errortype': awsType(status) }),
  },
  {
    host: 'twilio.com',
    body: (status, message) => {
      const code = TWILIO_CODES[status] ?? TWILIO_CODES[400];
      return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
    },
  },
  {
    host: 'notion.com',
    body: (status, message) => ({
      object: 'error',
      status,
      code: NOTION_CODES[status] ?? 'invalid_request',
      message,
    }),
  },
];

function envelopeFor(host: string | undefined): Envelope | undefined {
  if (host === undefined) return undefined;
  return ENVELOPES.find((e) => host === e.host || host.endsWith(`.${e.host}`));
}

/** The outcome as the SDK of `plan`'s API can read it; successes and spec-shaped refusals as they are. */
export function readableRefusal(plan: Plan, request: MockRequest, outcome: MockOutcome): MockOutcome {
  if (outcome.ok || outcome.response) return outcome;
  const { problem } = outcome;
  const status = problem.status ?? PROBLEMS[problem.type].status;
  if (status < 400 || status >= 500) return outcome;
  // Refusals made by `refuse` already carry the diagnosis; a status-not-defined choice does not.
  const headers =
    problem.headers?.[PROBLEM_HEADER] !== undefined
      ? problem.headers
      : { ...problem.headers, ...diagnosis(problem) };
  const head = request.method.toUpperCase() === 'HEAD';
  const wire = awsQueryWire(plan, request);
  const envelope = envelopeFor(plan.host);
  if (!envelope && !wire)
    return { ok: false, problem: { ...problem, headers, extensions: sdkMembers(problem) } };
  // An AWS SDK speaking the query or REST-XML protocol reads XML (aws-xml.ts); the JSON protocol, its envelope.
  const seed = `${request.method} ${request.path} ${wire?.action}`;
  const restXml = !wire && envelope?.host === 'amazonaws.com' && speaksRestXml(plan);
  const response: MockResponse = wire
    ? {
        status,
        headers: { ...headers, 'content-type': 'text/xml', [WIRE_HEADER]: 'aws-query' },
        body: head ? null : queryErrorXml(wire, status, queryErrorCode(wire, status), problem.detail, seed),
      }
    : restXml
      ? {
          status,
          headers: { ...headers, 'content-type': 'application/xml', [WIRE_HEADER]: 'aws-rest-xml' },
          body: head ? null : restErrorXml(restErrorCode(status), problem.detail, seed),
        }
      : {
          status,
          headers: { ...headers, ...envelope!.headers?.(status), 'content-type': 'application/json' },
          body: head ? null : JSON.stringify(envelope!.body(status, problem.detail)),
        };
  const errors = problem.errors && problem.errors.length > 0 ? problem.errors : [{ message: problem.detail }];
  return { ok: false, problem: { ...problem, headers, errors }, response };
}

function sdkMembers(problem: Problem): Record<string, unknown> {
  const messages = problem.errors?.map((e) => e.message) ?? [];
  return {
    ...problem.extensions,
    message: problem.detail,
    error: {
      type: problem.type,
      message: problem.detail,
      messages: messages.length > 0 ? messages : [problem.detail],
    },
  };
}
