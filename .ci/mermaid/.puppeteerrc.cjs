// Puppeteer must never download a browser: CI uses the machine's Chromium (/usr/bin/chromium).
module.exports = { skipDownload: true };
