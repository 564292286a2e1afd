import { AlarmRecordSchema } from './alarms';
import { CheckResultSchema, HealthSchema, PathAnswerSchema, TopologyViewSchema } from './answers';
import { ProblemSchema } from './problem';
import {
  FailureReasonSchema,
  IntentPageSchema,
  IntentRecordSchema,
  IntentStateSchema,
  LineRecordSchema,
  PathViewSchema,
  SubmitResultSchema,
  TransitionSchema,
} from './records';
import { ElasticChangeSchema, IntentDocumentSchema, IntentInputSchema, IntentTextSchema, PathQuerySchema } from './requests';

/** Every named schema: registered with fastify (validation) and listed in the OpenAPI document's components. */
export const SHARED_SCHEMAS: readonly { $id: string }[] = [
  ProblemSchema,
  IntentStateSchema,
  TransitionSchema,
  PathViewSchema,
  FailureReasonSchema,
  IntentRecordSchema,
  IntentPageSchema,
  LineRecordSchema,
  SubmitResultSchema,
  IntentDocumentSchema,
  IntentTextSchema,
  IntentInputSchema,
  ElasticChangeSchema,
  PathQuerySchema,
  CheckResultSchema,
  PathAnswerSchema,
  TopologyViewSchema,
  HealthSchema,
  AlarmRecordSchema,
];
