-- lsp/korrektur.lua — the server's configuration for Neovim 0.11's
-- `vim.lsp.enable('korrektur')` (found on the runtimepath by name). setup() in
-- lua/korrektur builds the same table with the user's options.
return require('korrektur.config').lsp_config(require('korrektur.config').defaults)
