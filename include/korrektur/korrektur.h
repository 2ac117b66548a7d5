/* korrektur/korrektur.h — the public C API of korrektur, a linter for Danish
 * question-and-answer documents from PDF extraction and OCR. */
#ifndef KORREKTUR_H
#define KORREKTUR_H

#define KORREKTUR_VERSION "0.1.0"

#include "config.h"
#include "diagnostic.h"
#include "document.h"
#include "lexicon.h"
#include "linter.h"

#endif
