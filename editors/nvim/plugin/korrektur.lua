-- plugin/korrektur.lua — the user commands of the korrektur plugin. They exist as
-- soon as the plugin is on the runtimepath (also for Neovim 0.11 users who start
-- the server with `vim.lsp.enable('korrektur')` and never call setup()); the
-- language server itself starts only through require('korrektur').setup() or
-- vim.lsp.enable.
if vim.g.loaded_korrektur then
  return
end
vim.g.loaded_korrektur = true

local function k()
  return require('korrektur')
end

local command = vim.api.nvim_create_user_command

command('KorrekturFixAll', function()
  k().fix_all()
end, { desc = 'korrektur: apply every preferred fix (source.fixAll.korrektur)' })

command('KorrekturAddWord', function(o)
  k().add_word(o.args ~= '' and o.args or nil)
end, { nargs = '?', desc = 'korrektur: add the word (default: under the cursor) to the dictionary' })

command('KorrekturIgnoreWord', function(o)
  k().ignore_word(o.args ~= '' and o.args or nil)
end, { nargs = '?', desc = 'korrektur: ignore the word (default: under the cursor) in this document' })

command('KorrekturRestart', function()
  k().restart()
end, { desc = 'korrektur: restart the language server' })

command('KorrekturInfo', function()
  k().info()
end, { desc = 'korrektur: show the server, its roots and buffers' })
