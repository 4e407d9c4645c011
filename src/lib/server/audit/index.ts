// audit/: The audit log and the two revisions (the treaty record's, the public state's): every
// change written with its entry, in its transaction, through one door; the one table of the
// kinds of change and what each reaches; reading the log by scope.
export * as changes from './changes';
export * as log from './log';
export * as search from './search';
