export type {
  ServiceLayer,
  ProtectionKind,
  PathObjective,
  EndpointRef,
  TimeWindow,
  ElementSet,
  PathRequest,
} from './pathRequest';
