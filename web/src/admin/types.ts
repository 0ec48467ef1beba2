// The shapes of the API answers the admin pages read: the API's own (functions/api/contract.ts),
// imported as types only, so nothing of the server reaches the bundle.
export type {
  Area,
  AreaCount,
  FieldError,
  Project,
  ProjectDetails,
  ProjectListEntry,
  ProjectSettings,
  QuestionnaireSummary,
  RoundCounts,
  RoundListing as RoundSummary,
} from '../../../functions/api/contract.ts';
