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

local function is_list(t)
  return type(t) == 'table' and (vim.tbl_islist or vim.islist)(t)
end

-- Merges user options over the defaults and checks their types, so a typo shows
-- up as one clear message at setup time rather than as a silent server failure.
function M.normalize(opts)
  opts = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if type(opts.cmd) == 'string' then
    opts.cmd = { opts.cmd, 'lsp', '--stdio' }
  end
  vim.validate({
    cmd = { opts.cmd, is_list, 'a list of strings or a path' },
    filetypes = { opts.filetypes, is_list, 'a list of filetypes' },
    root_markers = { opts.root_markers, is_list, 'a list of file names' },
    settings = { opts.settings, 'table' },
    on_attach = { opts.on_attach, 'function', true },
    capabilities = { opts.capabilities, 'table', true },
    timeout = { opts.timeout, 'number' },
  })
  return opts
end

local uv = vim.loop or vim.uv

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
