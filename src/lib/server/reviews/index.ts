// reviews/: The review mechanism: its configuration, draws by lot, country reviews (read, their
// questionnaire, their progress through the stages), tasks, the dashboard and reports.
export * as change from './change';
export * as config from './config';
export * as dashboard from './dashboard';
export * as draw from './draw';
export * as drawCommand from './draw-command';
export * as drawInput from './draw-input';
export * as draws from './draws';
export * as evidence from './evidence';
export * as notices from './notices';
export * as progress from './progress';
export * as published from './published';
export * as questionnaire from './questionnaire';
export * as reportData from './report-data';
export * as reportDocx from './report-docx';
export * as reviews from './reviews';
export * as tasks from './tasks';
