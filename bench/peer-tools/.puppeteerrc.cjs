// pagedjs-cli brings its own Puppeteer (20), whose install step would download a Chrome from Google's servers
// (not the npm registry): skipped. The bench points it at the build's own Chromium (bench/peers.ts).
module.exports = { skipDownload: true };
