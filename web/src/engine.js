// The JavaScript API's documented import path (README, "JavaScript API"):
//   import { loadEngine } from './web/src/engine.js';
// The API itself lives in engine/engine.js, with the engine layer.
export { loadEngine, simdSupported } from './engine/engine.js';
