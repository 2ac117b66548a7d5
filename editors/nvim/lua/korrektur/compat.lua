-- korrektur/compat.lua — the few LSP client calls whose spelling changed between
-- Neovim 0.7 (Debian 12's package) and 0.10/0.11. Every version difference the
-- plugin depends on is decided here, at run time, by feature detection.
local M = {}

M.has_011 = vim.fn.has('nvim-0.11') == 1
M.has_010 = vim.fn.has('nvim-0.10') == 1

-- 0.11 turned client methods into `client:method(...)` and deprecates the
-- `client.method(...)` spelling; older versions only know the latter.
local function call(client, method, ...)
  if M.has_011 then
    return client[method](client, ...)
  end
  return client[method](...)
end

function M.request(client, method, params, handler, bufnr)
  return call(client, 'request', method, params, handler, bufnr)
end

function M.request_sync(client, method, params, timeout, bufnr)
  return call(client, 'request_sync', method, params, timeout, bufnr)
end

function M.notify(client, method, params)
  return call(client, 'notify', method, params)
end

function M.stop(client, force)
  return call(client, 'stop', force)
end

function M.is_stopped(client)
  return call(client, 'is_stopped')
end

-- The korrektur clients, optionally only those attached to bufnr.
function M.get_clients(bufnr)
  local found = {}
  if vim.lsp.get_clients then -- 0.10+
    found = vim.lsp.get_clients({ name = 'korrektur', bufnr = bufnr })
  elseif bufnr then -- 0.7: a map id -> client
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'korrektur' then
        table.insert(found, c)
      end
    end
  else
    for _, c in pairs(vim.lsp.get_active_clients()) do
      if c.name == 'korrektur' then
        table.insert(found, c)
      end
    end
  end
  return found
end

-- Buffers a client is attached to.
function M.client_buffers(client)
  if client.attached_buffers then -- 0.10+
    return vim.tbl_keys(client.attached_buffers)
  end
  return vim.lsp.get_buffers_by_client_id(client.id)
end

-- Diagnostics namespaces a client publishes into (push, and pull on 0.10+).
function M.diagnostic_namespaces(client_id)
  local ns = { vim.lsp.diagnostic.get_namespace(client_id) }
  if M.has_010 then
    local ok, pull = pcall(vim.lsp.diagnostic.get_namespace, client_id, true)
    if ok and pull ~= ns[1] then
      table.insert(ns, pull)
    end
  end
  return ns
end

-- The rule id of a vim.diagnostic entry: `code` on 0.8+, user_data.lsp on 0.7.
function M.diagnostic_code(d)
  if d.code ~= nil then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

-- The LSP diagnostic a vim.diagnostic came from (for code action contexts).
function M.lsp_diagnostic(d)
  local lsp = d.user_data and d.user_data.lsp
  if lsp and lsp.range then
    return lsp
  end
  return nil
end

-- Starts the server for bufnr (or reuses the one of the same root) and attaches.
-- 0.10+: vim.lsp.start reuses a client of the same name and root_dir. 0.7:
-- start_client + buf_attach_client with our own root → client map.
local by_root = {}

function M.start(config, bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = by_root[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or M.is_stopped(client) then
    id = vim.lsp.start_client(config)
    if not id then
      return nil
    end
    by_root[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

-- 0.11: the configuration registered with vim.lsp.config('korrektur', …),
-- merged with the user's overrides and '*', or nil on older versions.
function M.resolved_config()
  if M.has_011 and vim.lsp.config then
    local ok, cfg = pcall(function()
      return vim.lsp.config.korrektur
    end)
    if ok then
      return cfg
    end
  end
  return nil
end

-- Treesitter: get a query by name (renamed in 0.9).
function M.get_query(lang, name)
  if vim.treesitter.query and vim.treesitter.query.get then
    return vim.treesitter.query.get(lang, name)
  end
  return vim.treesitter.get_query(lang, name)
end

-- Whether a parser for lang can be loaded from the runtimepath.
function M.has_parser(lang)
  if vim.treesitter.language.add then -- 0.10 raises on failure, 0.11 returns nil
    local ok, res = pcall(vim.treesitter.language.add, lang)
    return ok and (res ~= nil or not M.has_011)
  end
  return (pcall(vim.treesitter.require_language, lang))
end

return M
