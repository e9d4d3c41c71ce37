/** A small seeded PRNG (mulberry32), so every run checks the same "random" cases: the tagger's own. */
export {seededRandom as prng} from '../../source/review/tagger/random.js';
