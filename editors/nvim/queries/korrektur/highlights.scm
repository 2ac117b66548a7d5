; highlights.scm — syntax highlighting for Danish Q&A documents (korrektur grammar).

(title) @markup.heading

(question_label) @keyword
(answer_label) @keyword
(other_label) @label

; Running page headers and page numbers left in the text by PDF extraction.
(page_header) @comment

(marker) @punctuation.special

(url) @markup.link.url
(number) @number
(quote) @string

; A word split by a line-end hyphen (`igangvæ-⏎rende`).
(hyphen_break) @markup.underline

(ERROR) @error
