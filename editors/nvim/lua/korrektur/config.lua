-- korrektur/config.lua — the plugin's options: defaults, validation, root finding,
-- and the client configuration table handed to Neovim's LSP client. Kept apart
-- from init.lua so lsp/korrektur.lua (Neovim 0.11's vim.lsp.enable) can build
-- the same configuration without starting anything.
local M = {}

M.defaults = {
  -- The server command: a list, or a path to the korrektur binary.
  cmd = { 'korrektur', 'lsp', '--stdio' },
  -- Buffers of these filetypes get the server.
  filetypes = { 'text', 'korrektur' },
  -- A buffer's root is the nearest folder holding one of these, else its own folder.
  -- One server runs per root.
  root_markers = { '.korrektur.json', '.git' },
  -- The server's `korrektur` settings section: terms, dictionary, rules
  -- ({ ['rule-id'] = { enabled = bool, severity = 'warning' } }), minSeverity,
  -- maxFileSize, trace. Sent as initializationOptions, answered on
  -- workspace/configuration and pushed with didChangeConfiguration.
  settings = {},
  -- Show "message [rule-id]" in virtual text and floats.
  show_rule_id = true,
  -- Apply source.fixAll.korrektur before each write.
  fix_on_save = false,
  -- Tree-sitter highlighting and folds for the `korrektur` filetype (needs
  -- parser/korrektur.so, built by `make nvim-parser`).
  syntax = true,
  folds = true,
  -- Milliseconds to wait for the server in synchronous requests (fix all, fix on save).
  timeout = 3000,
  on_attach = nil,
  capabilities = nil,
}

-- vim.islist is 0.10+, vim.tbl_islist (deprecated there) is what 0.7 has.
local islist = vim.islist or vim.tbl_islist

local function expect(name, value, ok, what)
  if not ok then
    error(string.format('korrektur.setup: %s must be %s, got %s', name, what, vim.inspect(value)), 3)
  end
end

local function list_of_strings(t)
  if type(t) ~= 'table' or not islist(t) or #t == 0 then
    return false
  end
  for _, v in ipairs(t) do
    if type(v) ~= 'string' then
      return false
    end
  end
  return true
end

-- Merges user options over the defaults and checks their types, so a typo shows
-- up as one clear message at setup time rather than as a silent server failure.
function M.normalize(opts)
  opts = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if type(opts.cmd) == 'string' then
    opts.cmd = { opts.cmd, 'lsp', '--stdio' }
  end
  -- Plain checks rather than vim.validate, whose table form 0.11 deprecates.
  expect('cmd', opts.cmd, list_of_strings(opts.cmd), 'a path or a list of strings')
  expect('filetypes', opts.filetypes, list_of_strings(opts.filetypes), 'a list of filetypes')
  expect('root_markers', opts.root_markers, list_of_strings(opts.root_markers), 'a list of file names')
  expect('settings', opts.settings, type(opts.settings) == 'table', 'a table')
  expect('on_attach', opts.on_attach, opts.on_attach == nil or type(opts.on_attach) == 'function', 'a function')
  expect('capabilities', opts.capabilities, opts.capabilities == nil or type(opts.capabilities) == 'table', 'a table')
  expect('timeout', opts.timeout, type(opts.timeout) == 'number' and opts.timeout > 0, 'a positive number')
  return opts
end

local uv = vim.uv or vim.loop

-- The nearest ancestor folder of `path` (a file or folder) holding one of the
-- markers, else the file's own folder. Plain libuv calls so it works on 0.7.
function M.find_root(path, markers)
  if path == nil or path == '' then
    return uv.cwd()
  end
  path = vim.fn.fnamemodify(path, ':p')
  local start = vim.fn.isdirectory(path) == 1 and path or vim.fn.fnamemodify(path, ':h')
  start = start:gsub('/$', '')
  if start == '' then
    start = '/'
  end
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return start
    end
    dir = parent
  end
end

-- The client configuration (name, cmd, settings…) common to every Neovim version.
-- root_dir is left to the caller: a string for start_client/vim.lsp.start, a
-- function for 0.11's vim.lsp.config.
function M.client_config(opts)
  local settings = vim.deepcopy(opts.settings)
  -- Position encodings are left to Neovim: 0.10+ offers utf-8 itself and reads
  -- the server's choice; 0.7 offers nothing and assumes utf-16, which the server
  -- then picks. Announcing utf-8 here would desynchronise 0.7.
  local caps = opts.capabilities or vim.lsp.protocol.make_client_capabilities()
  return {
    name = 'korrektur',
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    capabilities = caps,
    init_options = settings,
    settings = { korrektur = settings },
    trace = settings.trace,
  }
end

-- The table for Neovim 0.11's vim.lsp.config('korrektur', …): root resolved per
-- buffer with the same rule as older versions (markers, else the file's folder).
function M.lsp_config(opts)
  opts = M.normalize(opts)
  local cfg = M.client_config(opts)
  cfg.root_dir = function(bufnr, on_dir)
    on_dir(M.find_root(vim.api.nvim_buf_get_name(bufnr), opts.root_markers))
  end
  cfg.on_attach = function(client, bufnr)
    require('korrektur').on_attach(client, bufnr)
  end
  return cfg
end

return M
