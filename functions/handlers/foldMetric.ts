// The fold's CloudWatch metric (embedded metric format): shared by the fold handler and the
// alarm that watches it.
export const METRIC_NAMESPACE = 'Bygdpuls';
export const BEHIND_METRIC = 'OldestUnfoldedAgeSeconds';
