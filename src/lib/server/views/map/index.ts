// Status maps: world-atlas outlines projected once per view (the world, or one group fitted to
// its members) and cached for the life of the server, joined to the participants, plus the
// status changes that let a map be drawn as of any date. The atlas (atlas), framing geometry
// (geo), projected views (projection), statuses through time (series), one instrument's map (model).
export { atlasIndex, joinOf } from './atlas';
export { WIDTH } from './projection';
export { changes, cumulative, memberships } from './series';
export { defaultGroup, group, model, warm, type GroupRef } from './model';
