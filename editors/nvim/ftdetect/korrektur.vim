" ftdetect/korrektur.vim — Q&A documents named *.qa.txt get the `korrektur` filetype
" (tree-sitter highlighting and folds from the korrektur grammar). `set` rather than
" `setfiletype`, so the generic *.txt → text rule cannot win whichever runs first.
" Other documents opt in with a modeline: `vim: ft=korrektur`.
autocmd BufRead,BufNewFile *.qa.txt set filetype=korrektur
