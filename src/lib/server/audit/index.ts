// audit/: The audit log and the record's revision: every change written with its entry, in its
// transaction; reading the log by scope.
export * as log from './log';
export * as search from './search';
