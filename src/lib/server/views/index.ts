// views/: Read models the pages show: the map, parity, compare, non-parties, exports, charts, and what
// the depositary says beside the record.
export * as charts from './charts';
export * as compare from './compare';
export * as compareExport from './compare-export';
export * as depositary from './depositary';
export * as exports from './exports';
export * as map from './map';
export * as nonparties from './nonparties';
export * as parity from './parity';
export * as sorting from './sorting';
