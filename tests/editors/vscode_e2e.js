// vscode_e2e.js — drives a real VS Code (code-server in Debian's Chromium, through
// playwright-core) the way a user would: opens a copy of the OCR example, waits
// for the korrektur status-bar item to show the problem count the CLI reports,
// applies one quick fix from the Ctrl+. menu, runs "korrektur: Ret alle" from
// the command palette, saves, and compares the file on disk with what
// `korrektur fix` makes of it. Saves a screenshot for the README.
// Started by vscode-e2e.sh (env: KORREKTUR_URL, KORREKTUR_DOC, KORREKTUR_BIN,
// KORREKTUR_SHOT_DIR; playwright-core on NODE_PATH). Last line: "N passed, N failed".
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');

const { KORREKTUR_URL: url, KORREKTUR_DOC: doc, KORREKTUR_BIN: bin } = process.env;
const shotDir = process.env.KORREKTUR_SHOT_DIR || '.';
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `: ${detail}` : ''}`);
  return ok;
}

function cli(args) {
  try {
    return execFileSync(bin, args, { encoding: 'utf8' });
  } catch (e) {
    if (e.status === 1) return e.stdout; // 1: problems found
    throw e;
  }
}

// The CLI's diagnostics for a file, at the extension's default threshold (warning).
function cliDiagnostics(file) {
  const report = JSON.parse(cli(['check', '--format', 'json', '--min-severity', 'warning', file]));
  return report.files[0].diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
}

// `korrektur fix` of some text (through a file beside the document, so the same
// .korrektur.json applies).
function cliFix(text) {
  const tmp = path.join(path.dirname(doc), `.expected-${process.pid}.txt`);
  fs.writeFileSync(tmp, text);
  try {
    return cli(['fix', tmp]);
  } finally {
    fs.unlinkSync(tmp);
  }
}

function applyByteEdits(text, edits) {
  let buf = Buffer.from(text, 'utf8');
  for (const e of [...edits].sort((a, b) => b.bytes.start - a.bytes.start)) {
    buf = Buffer.concat([buf.subarray(0, e.bytes.start), Buffer.from(e.newText, 'utf8'), buf.subarray(e.bytes.end)]);
  }
  return buf.toString('utf8');
}

async function waitFor(fn, timeout, step = 200) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, step));
  }
}

const statusItem = (page) => page.locator('.statusbar-item', { hasText: /korrektur/ }).first();

async function statusText(page) {
  try {
    return (await statusItem(page).innerText({ timeout: 1000 })).trim();
  } catch {
    return '';
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
}

async function save(page, expected, what) {
  await page.keyboard.press('Control+S');
  const ok = await waitFor(() => fs.readFileSync(doc, 'utf8') === expected, 10000);
  return check(what, ok, ok ? '' : `disk has ${JSON.stringify(fs.readFileSync(doc, 'utf8').slice(0, 200))}`);
}

async function main() {
  const original = fs.readFileSync(doc, 'utf8');
  const expected = cliDiagnostics(doc);
  check('the CLI reports warnings in the example', expected.length > 0);

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  page.setDefaultTimeout(20000);
  try {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
    check('VS Code loads in the browser', true);

    // Open the document through Quick Open, as a user would.
    await page.locator('.monaco-workbench .part.editor').click();
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(path.basename(doc));
    await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(doc) }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });

    const want = `korrektur: ${expected.length}`;
    const shown = await waitFor(async () => (await statusText(page)).includes(want), 60000, 250);
    check(`the status bar shows »${want}«`, shown, `it shows »${await statusText(page)}«`);
    const squiggles = await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count();
    check('warnings are underlined in the editor', squiggles > 0);
    // Settings reach the server live (didChangeConfiguration): raising
    // korrektur.minSeverity to error in the workspace settings hides the
    // warnings, taking it out brings them back.
    const settingsFile = path.join(path.dirname(doc), '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const settings = {};
    const errors = expected.filter((d) => d.severity === 'error').length;
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'korrektur.minSeverity': 'error' }, null, 2));
    const raised = await waitFor(async () => (await statusText(page)).includes(`korrektur: ${errors}`), 20000, 250);
    check(`minSeverity "error" in the settings shows »korrektur: ${errors}«`, raised, `it shows »${await statusText(page)}«`);
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    const back = await waitFor(async () => (await statusText(page)).includes(want), 20000, 250);
    check(`and back to »${want}« without it`, back, `it shows »${await statusText(page)}«`);

    // "korrektur: Genstart server" brings the same diagnostics back.
    await runCommand(page, 'korrektur: Genstart server');
    const seen = new Set();
    const restarting = await waitFor(async () => {
      const t = await statusText(page);
      seen.add(t);
      return t !== '' && !t.includes(want);
    }, 10000, 30);
    check('the status bar shows the server restarting', restarting, [...seen].join(' | '));
    const again = await waitFor(async () => (await statusText(page)).includes(want), 30000, 250);
    check(`after »korrektur: Genstart server« it shows »${want}« again`, again, `it shows »${await statusText(page)}«`);
    await page.locator('.monaco-editor .view-lines').first().click();

    const language = await page.locator('.statusbar-item', { hasText: 'Korrektur Q&A' }).count();
    check('*.qa.txt opens as Korrektur Q&A', language > 0);

    // The screenshot for the README: the diagnostics, and the hover of the last
    // one (near the bottom, so the hover leaves the top of the document in view).
    const target = expected.find((d) => (d.fixes || []).some((f) => f.preferred));
    if (!check('the example has a warning with a preferred fix', !!target)) return;
    const fix = target.fixes.find((f) => f.preferred);
    const goTo = async (d) => {
      await page.keyboard.press('Control+G');
      await input.waitFor({ state: 'visible' });
      await input.fill(`:${d.range.start.line + 1}:${d.range.start.character + 1}`);
      await page.keyboard.press('Enter');
    };
    const last = expected[expected.length - 1];
    await goTo(last);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I'); // show hover at the cursor
    const hover = await page.locator('.monaco-hover', { hasText: last.rule }).first()
      .waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
    check(`hover on a problem names its rule (${last.rule})`, hover);
    await page.waitForTimeout(500);
    fs.mkdirSync(shotDir, { recursive: true });
    const shot = path.join(shotDir, 'vscode-korrektur.png');
    await page.screenshot({ path: shot });
    check(`screenshot saved (${shot})`, fs.existsSync(shot));
    await page.keyboard.press('Escape');
    await goTo(target);

    // One quick fix from the Ctrl+. menu.
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible' });
    const item = menu.locator('.monaco-list-row', { hasText: fix.title }).first();
    const offered = await item.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false);
    if (!check(`the quick-fix menu offers »${fix.title}«`, offered, await menu.innerText().catch(() => ''))) return;
    // Keyboard, as the menu is meant to be used (a pointer block covers it at first).
    for (let i = 0; i < 20; i++) {
      const focused = (await menu.locator('.monaco-list-row.focused').innerText().catch(() => '')).trim();
      if (focused.includes(fix.title)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const afterOne = applyByteEdits(original, fix.edits);
    await save(page, afterOne, 'the quick fix changes exactly its range (saved file)');
    const remaining = cliDiagnostics(doc).length;
    const updated = await waitFor(async () => (await statusText(page)).includes(`korrektur: ${remaining}`), 20000, 250);
    check(`the count drops to ${remaining}`, updated, `it shows »${await statusText(page)}«`);

    // "korrektur: Ret alle" from the command palette.
    const fixed = cliFix(afterOne);
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, 'korrektur: Ret alle');
    await waitFor(async () => (await page.locator('.tab.active.dirty').count()) > 0, 10000);
    await save(page, fixed, '»korrektur: Ret alle« gives the text `korrektur fix` gives (saved file)');
    const left = cliDiagnostics(doc).length;
    const after = await waitFor(async () => (await statusText(page)).includes(`korrektur: ${left}`), 20000, 250);
    check(`the status bar then shows »korrektur: ${left}«`, after, `it shows »${await statusText(page)}«`);
  } catch (err) {
    check('the run completes', false, err && err.stack);
    await page.screenshot({ path: path.join(shotDir, 'vscode-korrektur-failure.png') }).catch(() => {});
  } finally {
    await browser.close();
  }
}

main()
  .catch((err) => check('the run completes', false, err && err.stack))
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
