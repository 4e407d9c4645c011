// record/: The treaty record: acts and their versions (one writer), the in-memory record (built,
// then kept current by following the audit log), status
// on a date, entry-into-force rules, eligibility, editing and validation, the source catalogue.
export * as articles from './articles';
export * as build from './build';
export * as changes from './changes';
export * as editing from './editing';
export * as eligibility from './eligibility';
export * as groups from './groups';
export * as instruments from './instruments';
export * as live from './live';
export * as participants from './participants';
export * as participation from './participation';
export * as record from './record';
export * as rules from './rules';
export * as sources from './catalogue';
export * as status from './status';
export * as validation from './validation';
