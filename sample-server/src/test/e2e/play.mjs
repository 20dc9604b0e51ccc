#!/usr/bin/env node
// Plays a Streamflow player page in Debian's Chromium (playwright-core, no browser download) and checks
// what a viewer would see: playback that keeps advancing, every rendition reachable, no fatal hls.js error.
//
//   node play.mjs <player-url> [--seconds 12] [--min-advance 8] [--start-timeout 45] [--switch-timeout 10]
//
// Prints one JSON summary on stdout; exits 0 when it passes, 1 when it does not, 2 on bad arguments.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required'];

function parseArgs(argv) {
  const opts = { url: null, seconds: 12, minAdvance: 8, startTimeout: 45, switchTimeout: 10 };
  const names = { '--seconds': 'seconds', '--min-advance': 'minAdvance', '--start-timeout': 'startTimeout',
    '--switch-timeout': 'switchTimeout' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (names[a]) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) { throw new Error(`${a} needs a positive number`); }
      opts[names[a]] = v;
    } else if (!opts.url && !a.startsWith('--')) {
      opts.url = a;
    } else {
      throw new Error(`unknown argument ${a}`);
    }
  }
  if (!opts.url) { throw new Error('usage: node play.mjs <player-url> [--seconds N] [--min-advance N]'); }
  return opts;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, timeoutSeconds, check) {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const value = await check();
    if (value) { return value; }
    if (Date.now() > deadline) { throw new Error(`timed out after ${timeoutSeconds} s waiting for ${what}`); }
    await sleep(200);
  }
}

const state = (page) => page.evaluate(() => {
  const sf = window.streamflow;
  if (!sf) { return null; }
  const video = document.getElementById('video');
  return { currentTime: video.currentTime, paused: video.paused, levels: sf.levels(),
    events: sf.events.length, fatal: sf.fatal, currentLevel: sf.hls ? sf.hls.currentLevel : -1 };
});

const switchedTo = (page, level, afterEvent) => page.evaluate(([lvl, after]) =>
  window.streamflow.events.slice(after).some((e) => e.event === 'LEVEL_SWITCHED' && e.level === lvl), [level, afterEvent]);

async function play(opts, summary) {
  const context = await chromium.launchPersistentContext(summary.userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') { summary.consoleErrors.push(m.text()); } });
    await page.goto(opts.url);
    const ready = await until('the master playlist to be parsed', opts.startTimeout,
      async () => { const s = await state(page); return s && s.levels.length > 0 ? s : null; });
    summary.levels = ready.levels;
    await until('playback to start', opts.startTimeout,
      async () => { const s = await state(page); return s && s.currentTime > 0 && !s.paused; });

    const wallStart = Date.now();
    const start = await state(page);
    summary.startCurrentTime = start.currentTime;
    for (let level = 0; level < summary.levels.length; level++) {
      const before = (await state(page)).events;
      await page.evaluate((lvl) => window.streamflow.setLevel(lvl), level);
      try {
        await until(`LEVEL_SWITCHED to level ${level}`, opts.switchTimeout, () => switchedTo(page, level, before));
        summary.switched.push(level);
      } catch (e) {
        summary.problems.push(e.message);
      }
    }
    await page.evaluate(() => window.streamflow.setLevel(-1));
    const remaining = opts.seconds * 1000 - (Date.now() - wallStart);
    if (remaining > 0) { await sleep(remaining); }
    const end = await state(page);
    summary.wallSeconds = (Date.now() - wallStart) / 1000;
    summary.endCurrentTime = end.currentTime;
    summary.advance = end.currentTime - start.currentTime;
    summary.fatal = end.fatal;
    summary.events = await page.evaluate(() => window.streamflow.events.filter((e) => e.event !== 'FRAG_BUFFERED'));
  } finally {
    await context.close();
  }
}

function verdict(opts, summary) {
  if (summary.advance === null || summary.advance < opts.minAdvance) {
    summary.problems.push(`currentTime advanced ${summary.advance} s in ${summary.wallSeconds} s; expected at least ${opts.minAdvance} s`);
  }
  if (summary.levels.length === 0) { summary.problems.push('no levels'); }
  if (summary.switched.length !== summary.levels.length) {
    summary.problems.push(`reached levels ${JSON.stringify(summary.switched)} of ${summary.levels.length}`);
  }
  if (summary.fatal.length > 0) { summary.problems.push(`fatal hls.js errors: ${JSON.stringify(summary.fatal)}`); }
  summary.pass = summary.problems.length === 0;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.log(JSON.stringify({ pass: false, problems: [e.message] }));
    return 2;
  }
  const summary = { pass: false, url: opts.url, levels: [], switched: [], startCurrentTime: null, endCurrentTime: null,
    advance: null, wallSeconds: null, fatal: [], problems: [], consoleErrors: [], events: [],
    userDataDir: mkdtempSync(join(tmpdir(), 'streamflow-play-')) };
  try {
    await play(opts, summary);
    verdict(opts, summary);
  } catch (e) {
    summary.problems.push(e.message);
  } finally {
    rmSync(summary.userDataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(summary, null, 2));
  return summary.pass ? 0 : 1;
}

process.exitCode = await main();
