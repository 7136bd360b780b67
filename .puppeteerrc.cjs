// Puppeteer's own browser download (from Google's servers, not the npm registry) is skipped: the build
// finds an installed Chrome or Chromium, or uses the one that comes with npm (see scripts/browser/find.ts).
module.exports = { skipDownload: true };
