// reviews/: The review mechanism: its configuration, draws by lot, country reviews and their
// stages, tasks, the dashboard and reports.
export * as config from './config';
export * as dashboard from './dashboard';
export * as draw from './draw';
export * as drawCommand from './draw-command';
export * as drawInput from './draw-input';
export * as draws from './draws';
export * as reportData from './report-data';
export * as reportDocx from './report-docx';
export * as reviews from './reviews';
export * as tasks from './tasks';
