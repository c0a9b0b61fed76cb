import type { MediaPlan, Plan, Schema } from '../mock/plan';
import { escapeToken } from './json-pointer';

/** A response media of the plan that has a schema, and where that schema is written in the upload. */
export interface SchemaMedia {
  media: MediaPlan & { schema: Schema };
  /** Spelled out only when asked: most media never need it (a warning's pointer). */
  pointer: () => string;
}

/** Every response media with a schema, operation by operation (what the publish checks walk). */
export function* responseSchemaMedia(plan: Plan): Generator<SchemaMedia> {
  for (const op of plan.operations)
    for (const response of op.responses)
      for (const [type, media] of Object.entries(response.content)) {
        if (media.schema === undefined) continue;
        yield {
          media: media as SchemaMedia['media'],
          pointer: () =>
            `/paths/${escapeToken(op.path)}/${op.method}/responses/${escapeToken(response.status.toLowerCase())}/content/${escapeToken(type)}/schema`,
        };
      }
}
