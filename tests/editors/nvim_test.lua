-- nvim_test.lua — drives the korrektur plugin in a real (headless) Neovim against
-- the real server. Run by tests/editors/nvim-test.sh:
--   nvim --headless -u tests/editors/minimal_init.lua -c 'luafile tests/editors/nvim_test.lua'
-- with $KORREKTUR_DOC = a copy of the bundled OCR example in a scratch folder.
--
-- What a user would see is checked against the CLI on the same file: the same
-- diagnostics (rule ids, messages, byte ranges as Neovim places them), a quick
-- fix from the code-action menu changing exactly its range, :KorrekturFixAll
-- giving the text `korrektur fix` gives, :KorrekturAddWord silencing a word and
-- writing the dictionary, :KorrekturRestart bringing diagnostics back.
-- Prints one line per check and "N passed, N failed" last; exits non-zero on failure.
local bin = vim.g.korrektur_test_bin
local doc = vim.env.KORREKTUR_DOC
local korrektur = require('korrektur')
local compat = require('korrektur.compat')

-- Straight to stdout: Neovim's message area (print) joins lines after a redraw.
local function say(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end

-- The plugin's messages (:KorrekturInfo, notifications) go the same way.
_G.print = function(...)
  say(table.concat(vim.tbl_map(tostring, { ... }), ' '))
end
vim.notify = function(msg)
  say(tostring(msg))
end

local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('ok   ' .. name)
  else
    failed = failed + 1
    say('FAIL ' .. name .. (detail and (': ' .. tostring(detail)) or ''))
  end
  return ok
end

local function finish()
  say(string.format('%d passed, %d failed', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

local function write(path, s)
  local f = assert(io.open(path, 'wb'))
  f:write(s)
  f:close()
end

local function buffer_text(bufnr)
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  if vim.bo[bufnr].eol then
    text = text .. '\n'
  end
  return text
end

-- Byte offset → 0-based (row, byte column), as Neovim's diagnostics place them.
local function position_of(text)
  local starts = { 0 }
  for i = 1, #text do
    if text:byte(i) == 10 then
      table.insert(starts, i)
    end
  end
  return function(offset)
    local lo, hi = 1, #starts
    while lo < hi do
      local mid = math.floor((lo + hi + 1) / 2)
      if starts[mid] <= offset then
        lo = mid
      else
        hi = mid - 1
      end
    end
    return lo - 1, offset - starts[lo]
  end
end

-- Applies byte edits {start, end, text} (non-overlapping) to s.
local function apply_edits(s, edits)
  table.sort(edits, function(a, b)
    return a.start > b.start
  end)
  for _, e in ipairs(edits) do
    s = s:sub(1, e.start) .. e.text .. s:sub(e['end'] + 1)
  end
  return s
end

local function cli(args)
  local out = vim.fn.system(vim.list_extend({ bin }, args))
  return out, vim.v.shell_error
end

local function diagnostics(bufnr)
  local all = {}
  for _, client in ipairs(compat.get_clients(bufnr)) do
    for _, ns in ipairs(compat.diagnostic_namespaces(client.id)) do
      vim.list_extend(all, vim.diagnostic.get(bufnr, { namespace = ns }))
    end
  end
  return all
end

local function key(rule, srow, scol, erow, ecol)
  return string.format('%s@%d:%d-%d:%d', rule, srow, scol, erow, ecol)
end

-- ---- plugin loading -----------------------------------------------------------------
for _, name in ipairs({ 'KorrekturFixAll', 'KorrekturAddWord', 'KorrekturIgnoreWord', 'KorrekturRestart', 'KorrekturInfo' }) do
  check('command :' .. name .. ' exists', vim.fn.exists(':' .. name) == 2)
end

-- The plugin's copies of the grammar's queries must be the grammar's (make
-- nvim-parser copies them; a stale commit would highlight with old captures).
local repo = vim.g.korrektur_test_repo
for _, name in ipairs({ 'highlights', 'folds' }) do
  local src = repo .. '/grammar/queries/' .. name .. '.scm'
  local copy = repo .. '/editors/nvim/queries/korrektur/' .. name .. '.scm'
  if vim.fn.filereadable(src) == 1 then
    check('queries/korrektur/' .. name .. '.scm equals the grammar\'s',
      vim.fn.filereadable(copy) == 1 and read(copy) == read(src), 'run make nvim-parser and commit it')
  end
end
-- make copies them before this test runs; the committed copies (what a packpath
-- install gets) must not differ from what it copied.
vim.fn.system({ 'git', '-C', repo, 'rev-parse', '--is-inside-work-tree' })
if vim.v.shell_error == 0 then
  local diff = vim.fn.system({ 'git', '-C', repo, 'status', '--porcelain', '--', 'editors/nvim/queries' })
  check('the committed plugin queries are up to date', vim.trim(diff) == '',
    vim.trim(diff) .. ' (run make nvim-parser and commit editors/nvim/queries)')
end

local dir = vim.fn.fnamemodify(doc, ':h')
vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/outline.qa.txt'))
check('*.qa.txt gets filetype korrektur', vim.bo.filetype == 'korrektur', vim.bo.filetype)
if require('korrektur.syntax').available() then
  vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(read(doc), '\n'))
  vim.cmd('doautocmd FileType')
  local hl = require('vim.treesitter.highlighter')
  check('tree-sitter highlighter runs on a korrektur buffer', hl.active[vim.api.nvim_get_current_buf()] ~= nil)
  vim.cmd('redraw!')
  local first = vim.api.nvim_buf_get_lines(0, 0, 1, false)[1]
  local col = (first:find('%S') or 1) + 1
  check('the title line is drawn highlighted', vim.fn.screenattr(1, col) ~= 0, 'attr ' .. vim.fn.screenattr(1, col))
  if compat.get_query('korrektur', 'folds') then
    local folded = false
    for lnum = 1, vim.api.nvim_buf_line_count(0) do
      if vim.fn.foldlevel(lnum) > 0 then
        folded = true
        break
      end
    end
    check('the folds query gives fold levels', folded)
  else
    say('note: no folds query in queries/korrektur/, folds not tested')
  end
else
  say('note: parser/korrektur.so not built, highlighting not tested (make nvim-parser)')
end
vim.cmd('bwipeout!')

-- ---- diagnostics --------------------------------------------------------------------
local original = read(doc)
local at = position_of(original)
local json, rc = cli({ 'check', '--format', 'json', doc })
local ok_json, report = pcall(vim.fn.json_decode, json)
if not check('korrektur check --format json works on the example', rc <= 1 and ok_json, json) then
  return finish()
end
local expected = report.files[1].diagnostics
check('the CLI reports problems in the OCR example', #expected > 0)

vim.cmd('edit ' .. vim.fn.fnameescape(doc))
local bufnr = vim.api.nvim_get_current_buf()
check('the example opens as text', vim.bo.filetype == 'text', vim.bo.filetype)
local attached = vim.wait(10000, function()
  return #compat.get_clients(bufnr) > 0
end, 20)
check('the server attaches', attached)
local got_all = vim.wait(20000, function()
  return #diagnostics(bufnr) >= #expected
end, 20)
vim.wait(300) -- a later publish would replace, not add; let it land
local diags = diagnostics(bufnr)
check('diagnostics arrive', got_all and #diags > 0, #diags .. ' of ' .. #expected)

local want, have = {}, {}
for _, d in ipairs(expected) do
  local sr, sc = at(d.bytes.start)
  local er, ec = at(d.bytes['end'])
  want[key(d.rule, sr, sc, er, ec)] = d.message
end
local sources_ok = true
for _, d in ipairs(diags) do
  have[key(compat.diagnostic_code(d), d.lnum, d.col, d.end_lnum, d.end_col)] = d.message
  sources_ok = sources_ok and d.source == 'korrektur'
end
local missing, extra = {}, {}
for k, msg in pairs(want) do
  if have[k] == nil then
    table.insert(missing, k)
  elseif have[k] ~= msg then
    table.insert(missing, k .. ' (message differs)')
  end
end
for k in pairs(have) do
  if want[k] == nil then
    table.insert(extra, k)
  end
end
check('rule ids and ranges equal the CLI\'s', #missing == 0 and #extra == 0,
  'missing ' .. table.concat(missing, ' ') .. '; extra ' .. table.concat(extra, ' '))
check('every diagnostic has source korrektur', sources_ok)

local rules = {}
for line in cli({ '--list-rules' }):gmatch('[^\n]+') do
  local id = line:match('^%s*([%w%-]+)')
  if id then
    rules[id] = true
  end
end
local distinct, unknown = {}, {}
for _, d in ipairs(diags) do
  local code = compat.diagnostic_code(d)
  distinct[code] = true
  if not rules[code] then
    table.insert(unknown, tostring(code))
  end
end
check('codes are rule ids from --list-rules', #unknown == 0, table.concat(unknown, ' '))
check('the example shows more than one rule', #vim.tbl_keys(distinct) >= 2)

local ns_cfg = vim.diagnostic.config(nil, compat.diagnostic_namespaces(compat.get_clients(bufnr)[1].id)[1])
local shown = ns_cfg.virtual_text and ns_cfg.virtual_text.format and ns_cfg.virtual_text.format(diags[1])
check('virtual text shows the rule id', shown and shown:find('[' .. compat.diagnostic_code(diags[1]) .. ']', 1, true) ~= nil, shown)

-- ---- one quick fix through vim.lsp.buf.code_action() --------------------------------
local target, fix
for _, d in ipairs(expected) do
  for _, f in ipairs(d.fixes or {}) do
    if f.preferred and not target then
      target, fix = d, f
    end
  end
end
if check('the example has a diagnostic with a preferred fix', target ~= nil) then
  local row, col = at(target.bytes.start)
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  local offered, chosen = {}, nil
  local select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for i, item in ipairs(items) do
      local action = item.action or item[2] -- 0.10: {action, ctx}; 0.7: {client_id, action}
      table.insert(offered, action.title)
      if action.title == fix.title and not pick then
        pick, chosen = i, action
      end
    end
    on_choice(pick and items[pick], pick)
  end
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action()
  local changed = vim.wait(5000, function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
  end, 20)
  vim.ui.select = select
  check('the menu offers »' .. fix.title .. '«', vim.tbl_contains(offered, fix.title), table.concat(offered, ' | '))
  check('it is a preferred quickfix', chosen and chosen.kind == 'quickfix' and chosen.isPreferred == true,
    chosen and vim.inspect({ chosen.kind, chosen.isPreferred }))
  local edits = {}
  for _, e in ipairs(fix.edits) do
    table.insert(edits, { start = e.bytes.start, ['end'] = e.bytes['end'], text = e.newText })
  end
  local after_one = apply_edits(original, edits)
  check('the quick fix changes exactly its range', changed and buffer_text(bufnr) == after_one)
  local gone = vim.wait(5000, function()
    for _, d in ipairs(diagnostics(bufnr)) do
      if compat.diagnostic_code(d) == target.rule and d.lnum == row and d.col == col then
        return false
      end
    end
    return true
  end, 20)
  check('its diagnostic goes away', gone)
end

-- ---- :KorrekturFixAll -----------------------------------------------------------------
local snapshot = dir .. '/.snapshot.txt'
write(snapshot, buffer_text(bufnr))
local want_fixed, fix_rc = cli({ 'fix', snapshot })
os.remove(snapshot)
check('korrektur fix runs', fix_rc == 0 or fix_rc == 1, want_fixed) -- 1: it found problems
vim.cmd('KorrekturFixAll')
check(':KorrekturFixAll gives the text `korrektur fix` gives', buffer_text(bufnr) == want_fixed)
vim.cmd('silent write')
check('the fixed buffer saves', read(doc) == want_fixed)

-- ---- :KorrekturAddWord ----------------------------------------------------------------
-- A made-up word typed at the end (an incremental change) is unknown to the
-- dictionary; adding it must silence it and write the workspace dictionary.
local word = 'blorptastisk'
vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { 'Det er et ' .. word .. ' forslag.' })
local function flagged()
  for _, d in ipairs(diagnostics(bufnr)) do
    local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
    if compat.diagnostic_code(d) == 'unknown-word' and line:sub(d.col + 1, d.end_col) == word then
      return true
    end
  end
  return false
end
if check('a typed unknown word is flagged (unknown-word)', vim.wait(5000, flagged, 20)) then
  vim.api.nvim_win_set_cursor(0, { vim.api.nvim_buf_line_count(bufnr), 12 })
  vim.cmd('KorrekturAddWord') -- the word under the cursor
  check(':KorrekturAddWord silences »' .. word .. '«', vim.wait(5000, function()
    return not flagged()
  end, 20))
  local path = dir .. '/.korrektur-ordbog.txt'
  local dict = vim.fn.filereadable(path) == 1 and vim.fn.readfile(path) or {}
  check('the word is in .korrektur-ordbog.txt', vim.tbl_contains(dict, word), table.concat(dict, ','))
end

-- ---- :KorrekturInfo, :KorrekturRestart (the new client gets fix_on_save) ------------------
local info = korrektur.info()
check(':KorrekturInfo names the running client', table.concat(info, '\n'):find('client %d+: root ' .. vim.pesc(dir)) ~= nil,
  table.concat(info, ' / '))
local old = compat.get_clients(bufnr)[1].id
local function summary()
  local out = {}
  for _, d in ipairs(diagnostics(bufnr)) do
    table.insert(out, key(compat.diagnostic_code(d), d.lnum, d.col, d.end_lnum, d.end_col))
  end
  table.sort(out)
  return table.concat(out, ' ')
end
local before_list = summary()
local before = #diagnostics(bufnr)
korrektur.options.fix_on_save = true
vim.cmd('KorrekturRestart')
local restarted = vim.wait(10000, function()
  local c = compat.get_clients(bufnr)[1]
  return c ~= nil and c.id ~= old and #diagnostics(bufnr) == before
end, 20)
local now = compat.get_clients(bufnr)[1]
check(':KorrekturRestart starts a new server with the same diagnostics', restarted,
  string.format('client %s→%s, %d→%d diagnostics: %s → %s', old, now and now.id or 'none', before,
    #diagnostics(bufnr), before_list, summary()))

-- ---- fix_on_save ----------------------------------------------------------------------
-- Damage typed into the buffer is repaired by :write, as `korrektur fix` would.
vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { 'Det gaelder de sma bgrns skolevej.' })
vim.wait(1000, function()
  return false
end, 50)
local typed = buffer_text(bufnr)
write(snapshot, typed)
local want_saved = cli({ 'fix', snapshot })
os.remove(snapshot)
vim.cmd('silent write')
check('fix_on_save repairs the buffer on :write', want_saved ~= typed and read(doc) == want_saved,
  read(doc):sub(-60))

finish()
