-- minimal_init.lua — a clean Neovim for the editor tests: only the korrektur
-- plugin from this tree and Neovim's own runtime on the runtimepath, no user
-- config, no swap or shada files. The server binary comes from $KORREKTUR_BIN
-- (default build/korrektur of this checkout).
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local repo = vim.fn.fnamemodify(here, ':h:h')
vim.opt.runtimepath = { repo .. '/editors/nvim', vim.env.VIMRUNTIME }
vim.opt.packpath = {}
vim.o.swapfile = false
vim.o.shadafile = 'NONE'
vim.o.more = false
vim.cmd('filetype on')

local bin = vim.env.KORREKTUR_BIN
if bin == nil or bin == '' then
  bin = repo .. '/build/korrektur'
end
vim.g.korrektur_test_bin = vim.fn.fnamemodify(bin, ':p')
vim.g.korrektur_test_repo = repo

require('korrektur').setup({
  cmd = { vim.g.korrektur_test_bin, 'lsp', '--stdio' },
  settings = vim.env.KORREKTUR_SETTINGS and vim.fn.json_decode(vim.env.KORREKTUR_SETTINGS) or {},
})
