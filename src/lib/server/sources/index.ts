// sources/: Bringing sources in: the pure readers, seeding from data/, imports (command line and
// browser), export of the record, freshness.
// Folders: load/, readers/.
export * as freshness from './freshness';
export * as importCommand from './import-command';
export * as importFiles from './import-files';
export * as completeness from './completeness';
export * as formatNames from './format-names';
export * as importView from './import-view';
export * as imports from './imports';
export * as open from './open';
export * as recordFiles from './record-files';
export * as refresh from './refresh';
export * as refreshCommand from './refresh-command';
export * as refreshSchedule from './refresh-schedule';
