-- plugin/korrektur.lua — makes the :Korrektur* commands exist as soon as the
-- plugin is on the runtimepath (also for Neovim 0.11 users who start the server
-- with `vim.lsp.enable('korrektur')` and never call setup()). The language
-- server itself starts only through require('korrektur').setup() or vim.lsp.enable.
if vim.g.loaded_korrektur then
  return
end
vim.g.loaded_korrektur = true
require('korrektur.commands').define()
