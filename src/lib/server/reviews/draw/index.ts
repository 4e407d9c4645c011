// The drawing of lots for country reviews (tt-draw-1), pure and reproducible from its seed: what
// it takes and gives (types), its random numbers (random), the input sorted and the board a
// draw is made on (board), the draw (draw), its repairs (repair), what it says of itself
// (report), a reviewer drawn again (redraw), an independent check (check), start groups by lot.
export * from './types';
export { rngFor } from './random';
export { draw } from './draw';
export { redraw, type RedrawOutcome, type RedrawRequest } from './redraw';
export { check, unreported } from './check';
export { startGroups } from './start-groups';
