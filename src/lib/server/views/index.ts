// views/: Read models the pages show: the map, parity, compare, non-parties, still to join, a State's
// briefing note (and its .docx), exports, charts, what the depositary says beside the record, and the
// policy events around the treaties.
export * as briefing from './briefing';
export * as briefingDocx from './briefing-docx';
export * as charts from './charts';
export * as compare from './compare';
export * as compareExport from './compare-export';
export * as depositary from './depositary';
export * as exports from './exports';
export * as map from './map';
export * as nonparties from './nonparties';
export * as parity from './parity';
export * as policy from './policy';
export * as sorting from './sorting';
export * as toJoin from './to-join';
