-- korrektur/syntax.lua — tree-sitter highlighting and folds for the `korrektur`
-- filetype, from the grammar built by `make nvim-parser` (parser/korrektur.so)
-- and the queries in queries/korrektur/. Neovim 0.9+ has vim.treesitter.start and
-- vim.treesitter.foldexpr; on 0.7 we start the highlighter directly and compute
-- fold levels from the folds query ourselves.
local compat = require('korrektur.compat')
local M = {}

-- 0.7's highlighter maps capture names through a fixed table and drops unknown
-- ones; give the grammar's capture names (current and older nvim-treesitter
-- conventions) a highlight group there. 0.8+ links @captures itself.
local legacy_groups = {
  ['markup.heading'] = 'Title',
  ['text.title'] = 'Title',
  ['markup.list'] = 'Special',
  ['markup.link.url'] = 'Underlined',
  ['markup.underline'] = 'Underlined',
  ['text.uri'] = 'Underlined',
  ['markup.strong'] = 'Bold',
  ['text.strong'] = 'Bold',
  ['label'] = 'Label',
  ['keyword'] = 'Keyword',
  ['comment'] = 'Comment',
  ['punctuation.special'] = 'Special',
  ['number'] = 'Number',
  ['string.special'] = 'Special',
}

local function extend_legacy_map()
  local ok, hl = pcall(require, 'vim.treesitter.highlighter')
  if not ok or type(hl.hl_map) ~= 'table' then
    return
  end
  for capture, group in pairs(legacy_groups) do
    if rawget(hl.hl_map, capture) == nil or rawget(hl.hl_map, capture) == '__notfound' then
      rawset(hl.hl_map, capture, group)
    end
  end
end

function M.available()
  return compat.has_parser('korrektur')
end

local function start_highlighting(bufnr)
  if vim.treesitter.start then
    vim.treesitter.start(bufnr, 'korrektur')
    return
  end
  extend_legacy_map()
  local parser = vim.treesitter.get_parser(bufnr, 'korrektur')
  vim.treesitter.highlighter.new(parser)
end

-- ---- folds on 0.7 -------------------------------------------------------------
-- Levels per line, recomputed when the buffer changed (b:changedtick).
local cache = {}

local function compute_levels(bufnr)
  local levels, starts = {}, {}
  local ok, parser = pcall(vim.treesitter.get_parser, bufnr, 'korrektur')
  local query = ok and parser and compat.get_query('korrektur', 'folds')
  if not query then
    return levels, starts
  end
  local root = parser:parse()[1]:root()
  for id, node in query:iter_captures(root, bufnr, 0, -1) do
    if query.captures[id] == 'fold' then
      local srow, _, erow, ecol = node:range()
      if ecol == 0 then
        erow = erow - 1 -- a node ending at column 0 ends on the line before
      end
      if erow > srow then
        starts[srow] = true
        for row = srow, erow do
          levels[row] = (levels[row] or 0) + 1
        end
      end
    end
  end
  return levels, starts
end

function M.foldexpr(lnum)
  local bufnr = vim.api.nvim_get_current_buf()
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  local c = cache[bufnr]
  if not c or c.tick ~= tick then
    local levels, starts = compute_levels(bufnr)
    c = { tick = tick, levels = levels, starts = starts }
    cache[bufnr] = c
  end
  local row = lnum - 1
  local level = c.levels[row] or 0
  if c.starts[row] and level > 0 then
    return '>' .. level
  end
  return tostring(level)
end

local function start_folds(bufnr)
  local win = vim.fn.bufwinid(bufnr)
  if win == -1 then
    return
  end
  local expr = vim.treesitter.foldexpr and 'v:lua.vim.treesitter.foldexpr()'
    or "v:lua.require'korrektur.syntax'.foldexpr(v:lnum)"
  vim.wo[win].foldmethod = 'expr'
  vim.wo[win].foldexpr = expr
  vim.wo[win].foldlevel = 99 -- open on load; zc/zM close
  vim.api.nvim_buf_attach(bufnr, false, {
    on_detach = function()
      cache[bufnr] = nil
    end,
  })
end

-- Turns highlighting (and folds) on for bufnr. Returns false, quietly, when the
-- parser has not been built: plain text still gets diagnostics.
function M.attach(bufnr, folds)
  if not M.available() then
    return false
  end
  local ok, err = pcall(start_highlighting, bufnr)
  if not ok then
    vim.notify('korrektur: tree-sitter highlighting failed: ' .. tostring(err), vim.log.levels.WARN)
    return false
  end
  if folds then
    start_folds(bufnr)
  end
  return true
end

return M
