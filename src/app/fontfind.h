/* fontfind: fontconfig queries of the show's typefaces: a family name to a font file, and for a
 * character the family lacks, the installed font that best stands in for it: one that has the glyph,
 * preferring the same superfamily ("Noto Serif" -> "Noto Serif Armenian"), the same kind (serif, sans),
 * the same foundry and the same style, and avoiding display, UI, monospace and colour faces.
 * Ownership: a fontfind owns fontconfig's list of installed fonts (fontfind_free releases it before
 * FcFini); returned file names belong to it and live as long as it does. */
#ifndef KIOSK_FONTFIND_H
#define KIOSK_FONTFIND_H

#include <stdbool.h>
#include <stdint.h>

typedef struct fontfind fontfind;

/* fontconfig's configuration and font caches loaded (FcInit: ~8 ms on the bench machine, most of it
 * parsing /etc/fonts) on a thread of its own while the caller does other work (the show opens its display
 * meanwhile). fontfind_new and fontfind_match wait for it; fontfind_preload_wait must also come before
 * FcFini. Either may be called from any thread and more than once; without a preload they do nothing. */
void fontfind_preload(void);
void fontfind_preload_wait(void);
/* NULL when out of memory or fontconfig fails. */
fontfind *fontfind_new(void);
void fontfind_free(fontfind *ff);
/* Resolves a fontconfig pattern ("Noto Serif:style=Italic") to a font file (malloc'd) and face index;
 * *exact tells whether the font is of the family asked for. NULL when fontconfig finds nothing. */
char *fontfind_match(const char *pattern, int *index, bool *exact);
/* The best stand-in for family (italic or upright) that has a glyph for cp, or NULL (*index is then 0). */
const char *fontfind_fallback(fontfind *ff, const char *family, bool italic, uint32_t cp, int *index);

#endif
