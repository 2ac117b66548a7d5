-- korrektur/commands.lua — defines the :Korrektur* user commands. Called from
-- plugin/korrektur.lua at startup and again from setup(), so the commands exist
-- even when a plugin manager adds the plugin to the runtimepath after startup
-- (when plugin/ files are no longer sourced). Defining them twice is harmless.
local M = {}

function M.define()
  local command = vim.api.nvim_create_user_command
  local function k()
    return require('korrektur')
  end
  command('KorrekturFixAll', function()
    k().fix_all()
  end, { force = true, desc = 'korrektur: apply every preferred fix (source.fixAll.korrektur)' })
  command('KorrekturAddWord', function(o)
    k().add_word(o.args ~= '' and o.args or nil)
  end, { force = true, nargs = '?', desc = 'korrektur: add the word (default: under the cursor) to the dictionary' })
  command('KorrekturIgnoreWord', function(o)
    k().ignore_word(o.args ~= '' and o.args or nil)
  end, { force = true, nargs = '?', desc = 'korrektur: ignore the word (default: under the cursor) in this document' })
  command('KorrekturRestart', function()
    k().restart()
  end, { force = true, desc = 'korrektur: restart the language server' })
  command('KorrekturInfo', function()
    k().info()
  end, { force = true, desc = 'korrektur: show the server, its roots and buffers' })
end

return M
