/** The browser concern, as the CLI loads it lazily: finding, launching, closing, and faults. */
export { findBrowser, HOW_TO_GET_A_BROWSER } from './find.js';
export { launchBrowser, killBrowser, closeBrowser, type LaunchOptions } from './launch.js';
export { browserFault, browserActivity } from './faults.js';
