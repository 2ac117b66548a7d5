; folds.scm — folding ranges: each question/answer section, each paragraph and
; bullet item (korrektur grammar).

(section) @fold
(paragraph) @fold
(bullet_item) @fold
