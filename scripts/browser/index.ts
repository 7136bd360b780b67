/** The browser concern, as the CLI loads it lazily: finding, launching, closing, and faults. */
export { findBrowser, browserLine, type FoundBrowser } from './find.js';
export { launchBrowser, killBrowser, closeBrowser, type LaunchOptions } from './launch.js';
export { browserFault, browserActivity, disconnection } from './faults.js';
