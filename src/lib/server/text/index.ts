// text/: Neutral helpers every reader and writer shares: source tables, dates as sources write
// them, names, load errors, quoting and URL parameters.
export * as dates from './dates';
export * as errors from './errors';
export * as names from './names';
export * as query from './query';
export * as table from './table';
