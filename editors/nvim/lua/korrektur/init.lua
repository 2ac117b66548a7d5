-- korrektur/init.lua — the Neovim client of the korrektur language server:
-- setup(), per-root server start and buffer attach, and the actions behind the
-- :Korrektur* commands (fix all, add/ignore a word, restart, info).
--
--   require('korrektur').setup({ cmd = …, filetypes = { 'text' }, settings = … })
local config = require('korrektur.config')
local compat = require('korrektur.compat')
local syntax = require('korrektur.syntax')

local M = {}

local FIX_ALL = 'source.fixAll.korrektur'
M.commands = { add_word = 'korrektur.addWord', ignore_word = 'korrektur.ignoreWord' }

-- The options in force (defaults until setup() runs, so commands work for 0.11
-- users of vim.lsp.enable too).
M.options = config.normalize({})
local group = nil

local function notify(msg, level)
  vim.notify('korrektur: ' .. msg, level or vim.log.levels.INFO)
end

-- ---- attaching ------------------------------------------------------------------

local function format_with_rule(d)
  local code = compat.diagnostic_code(d)
  if code == nil or code == '' then
    return d.message
  end
  return string.format('%s [%s]', d.message, code)
end

-- Runs for every client/buffer pair: shows rule ids, arranges fix-on-save, then
-- the user's own on_attach.
function M.on_attach(client, bufnr)
  if M.options.show_rule_id then
    for _, ns in ipairs(compat.diagnostic_namespaces(client.id)) do
      vim.diagnostic.config({
        virtual_text = { format = format_with_rule },
        float = { format = format_with_rule },
      }, ns)
    end
  end
  if M.options.fix_on_save and group then
    vim.api.nvim_clear_autocmds({ group = group, buffer = bufnr, event = 'BufWritePre' })
    vim.api.nvim_create_autocmd('BufWritePre', {
      group = group,
      buffer = bufnr,
      callback = function()
        M.fix_all(bufnr, { quiet = true })
      end,
    })
  end
  if M.options.on_attach then
    M.options.on_attach(client, bufnr)
  end
end

-- The configuration for one root; on 0.11 the user's vim.lsp.config('korrektur')
-- overrides are merged in.
local function client_config(root)
  local cfg = config.client_config(M.options)
  local resolved = compat.resolved_config()
  if resolved then
    cfg = vim.tbl_deep_extend('force', cfg, resolved)
  end
  cfg.root_dir = root
  cfg.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
  cfg.on_attach = function(client, bufnr)
    M.on_attach(client, bufnr)
  end
  return cfg
end

-- Starts (or reuses) the server of bufnr's root and attaches it. Only for file
-- buffers: the server reads `.korrektur.json` and the dictionary beside them.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  if vim.fn.executable(M.options.cmd[1]) ~= 1 then
    notify('cannot run ' .. M.options.cmd[1] .. ' (set cmd in setup())', vim.log.levels.ERROR)
    return nil
  end
  local root = config.find_root(vim.api.nvim_buf_get_name(bufnr), M.options.root_markers)
  return compat.start(client_config(root), bufnr)
end

local function on_filetype(args)
  local bufnr = args.buf
  local ft = vim.bo[bufnr].filetype
  if ft == 'korrektur' and M.options.syntax then
    syntax.attach(bufnr, M.options.folds)
  end
  if vim.tbl_contains(M.options.filetypes, ft) then
    M.attach(bufnr)
  end
end

function M.setup(opts)
  M.options = config.normalize(opts)
  if compat.has_011 and vim.lsp.config then
    -- Register with 0.11's configuration system so `:checkhealth vim.lsp` lists it
    -- and vim.lsp.config('korrektur', …) can override parts of it.
    pcall(vim.lsp.config, 'korrektur', config.lsp_config(opts))
  end
  require('korrektur.commands').define()
  group = vim.api.nvim_create_augroup('korrektur', { clear = true })
  -- The same rule as ftdetect/korrektur.vim, for plugin managers that put the
  -- plugin on the runtimepath after filetype detection was set up.
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = '*.qa.txt',
    command = 'set filetype=korrektur',
  })
  vim.api.nvim_create_autocmd('FileType', { group = group, callback = on_filetype })
  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype ~= '' then
      on_filetype({ buf = bufnr })
    end
  end
end

-- ---- actions ----------------------------------------------------------------------

local function client_for(bufnr)
  local clients = compat.get_clients(bufnr)
  if #clients == 0 then
    notify('no korrektur server is attached to this buffer', vim.log.levels.WARN)
    return nil
  end
  return clients[1]
end

local function whole_buffer_range(bufnr)
  return {
    start = { line = 0, character = 0 },
    ['end'] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 },
  }
end

local function execute_command(client, command, bufnr)
  local result = compat.request_sync(client, 'workspace/executeCommand', {
    command = command.command,
    arguments = command.arguments,
  }, M.options.timeout, bufnr)
  return result and not result.err
end

-- Applies one code action: its edit, then its command (LSP order), resolving it
-- first when the server sent it without either.
function M.apply_action(client, action, bufnr)
  if not action.edit and not action.command and action.data ~= nil then
    local resolved = compat.request_sync(client, 'codeAction/resolve', action, M.options.timeout, bufnr)
    if resolved and resolved.result then
      action = resolved.result
    end
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  end
  local command = type(action.command) == 'table' and action.command
    or (type(action.command) == 'string' and action)
  if command then
    execute_command(client, command, bufnr)
  end
end

-- :KorrekturFixAll — asks for source.fixAll.korrektur over the whole buffer and
-- applies it, synchronously (so it also works from BufWritePre). Returns the
-- number of actions applied.
function M.fix_all(bufnr, opts)
  opts = opts or {}
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_for(bufnr)
  if not client then
    return 0
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = whole_buffer_range(bufnr),
    context = { only = { FIX_ALL }, diagnostics = {} },
  }
  local resp, err = compat.request_sync(client, 'textDocument/codeAction', params, M.options.timeout, bufnr)
  if not resp or resp.err then
    notify('fix all failed: ' .. vim.inspect(err or resp.err), vim.log.levels.ERROR)
    return 0
  end
  local applied = 0
  for _, action in ipairs(resp.result or {}) do
    if action.kind == nil or action.kind == FIX_ALL or vim.startswith(action.kind, 'source.fixAll') then
      M.apply_action(client, action, bufnr)
      applied = applied + 1
    end
  end
  if applied == 0 and not opts.quiet then
    notify('nothing to fix')
  end
  return applied
end

local function word_command(name, word)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    return false
  end
  word = word or vim.fn.expand('<cword>')
  if word == nil or word == '' then
    notify('no word under the cursor', vim.log.levels.WARN)
    return false
  end
  local ok = execute_command(client, {
    command = name,
    arguments = { { uri = vim.uri_from_bufnr(bufnr), word = word } },
  }, bufnr)
  if not ok then
    notify(name .. ' failed for »' .. word .. '«', vim.log.levels.ERROR)
  end
  return ok
end

-- :KorrekturAddWord [word] — adds the word to the workspace dictionary file.
function M.add_word(word)
  return word_command(M.commands.add_word, word)
end

-- :KorrekturIgnoreWord [word] — ignores the word in this document.
function M.ignore_word(word)
  return word_command(M.commands.ignore_word, word)
end

-- :KorrekturRestart — stops every korrektur server and starts them again for
-- the buffers they served.
function M.restart()
  local buffers = {}
  local clients = compat.get_clients()
  for _, client in ipairs(clients) do
    vim.list_extend(buffers, compat.client_buffers(client))
    compat.stop(client)
  end
  local function wait_and_attach(tries)
    for _, client in ipairs(clients) do
      if not compat.is_stopped(client) and tries > 0 then
        return vim.defer_fn(function()
          wait_and_attach(tries - 1)
        end, 50)
      end
    end
    for _, bufnr in ipairs(buffers) do
      if vim.api.nvim_buf_is_loaded(bufnr) then
        M.attach(bufnr)
      end
    end
    notify(string.format('restarted (%d buffer%s)', #buffers, #buffers == 1 and '' or 's'))
  end
  wait_and_attach(100)
end

-- :KorrekturInfo — what runs where. Returns the lines it printed.
function M.info()
  local lines = {}
  local function add(fmt, ...)
    table.insert(lines, string.format(fmt, ...))
  end
  local version = vim.fn.executable(M.options.cmd[1]) == 1
      and vim.split(vim.trim(vim.fn.system({ M.options.cmd[1], '--version' })), '\n')[1]
    or 'not found'
  add('korrektur: %s (%s)', table.concat(M.options.cmd, ' '), version)
  add('filetypes: %s; tree-sitter parser: %s', table.concat(M.options.filetypes, ', '),
    syntax.available() and 'yes' or 'no (make nvim-parser)')
  local clients = compat.get_clients()
  if #clients == 0 then
    add('no server running')
  end
  for _, client in ipairs(clients) do
    local bufs = compat.client_buffers(client)
    local problems = 0
    for _, b in ipairs(bufs) do
      for _, ns in ipairs(compat.diagnostic_namespaces(client.id)) do
        problems = problems + #vim.diagnostic.get(b, { namespace = ns })
      end
    end
    add('client %d: root %s, %s positions, %d buffer(s), %d problem(s)', client.id,
      client.config.root_dir or '?', client.offset_encoding or '?', #bufs, problems)
  end
  print(table.concat(lines, '\n'))
  return lines
end

return M
