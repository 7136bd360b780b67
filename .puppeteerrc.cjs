// The machines this project builds on cannot download a browser: the build
// finds an installed one instead (see scripts/browser.ts).
module.exports = { skipDownload: true };
