export { startDemoWire } from './start-demo-wire.js';
export type { DemoWire, DemoWireOptions, DemoRequest } from './start-demo-wire.js';
export { demoSourcesConfig } from './demo-sources-config.js';
export { DEMO_WIRE_DIR, loadDemoExpected } from './load-expected.js';
export type { DemoExpected, ExpectedArticle } from './build/expected.js';
