// http/: The edge: the app's database for requests, the API (its endpoints, parameters and
// schemas), OpenAPI, what each route reads, the page cache, feeds, origin, page helpers, pictures for shared links (png), logs.
export * as api from './api';
export * as apiActs from './api-acts';
export * as apiParams from './api-params';
export * as apiRoutes from './api-routes';
export * as apiSchemas from './api-schemas';
export * as atom from './atom';
export * as database from './database';
export * as flash from './flash';
export * as log from './log';
export * as mailRound from './mail-round';
export * as mapQuery from './map-query';
export * as openapi from './openapi';
export * as origin from './origin';
export * as page from './page';
export * as png from './png';
export * as pageCache from './page-cache';
export * as reads from './reads';
