/* textseg: text segmentation helpers for layout: white space, words, grapheme clusters and sentences in
 * UTF-8 text. Functions on byte ranges (no NUL needed). Offsets are byte offsets. Grapheme clusters are
 * ICU's extended grapheme clusters (UAX #29 of the Unicode version of the installed ICU, libicu72:
 * Unicode 15), as libunibreak 1.1 has none; each thread keeps one ICU break iterator (opened on its
 * first call, closed when the thread ends). Sentences stay the project's rules (ICU's UAX #29 sentences
 * end one after an initial, "J. R. Tolkien", and none after an ellipsis, "Thus… Then"). */
#ifndef KIOSK_TEXTSEG_H
#define KIOSK_TEXTSEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Line ends: LF, CR, VT, FF, NEL, LS, PS. */
bool textseg_is_newline(uint32_t c);
/* Separating white space: ASCII space and tab, line ends, Unicode spaces (not the no-break ones). */
bool textseg_is_space(uint32_t c);
/* Start of the code point that ends at byte i (lo < i), not before lo. */
size_t textseg_prev_start(const char *s, size_t lo, size_t i);
/* First offset >= i in s[0..len) that is not white space (nor a mark or joiner clustered with a space);
 * with newlines false, line ends stop it. */
size_t textseg_skip_space(const char *s, size_t len, size_t i, bool newlines);
/* hi moved back over trailing white space of s[lo..hi); a space that a Prepend character before it holds
 * in its grapheme cluster (U+0605 followed by a space) stays. */
size_t textseg_trim_end(const char *s, size_t lo, size_t hi);
/* Runs of non-white-space code points in s[0..len). */
size_t textseg_count_words(const char *s, size_t len);
/* True for a Prepend character (U+0600..U+0605, U+06DD, U+110BD...; ICU's Grapheme_Cluster_Break): it
 * joins whatever follows into its cluster, a space too (UAX #29 GB9b). */
bool textseg_is_prepend(uint32_t c);
/* End of the grapheme cluster that starts at i (< end); the end of the cluster around i when i is
 * inside one. */
size_t textseg_next_grapheme(const char *s, size_t end, size_t i);
/* Start of the sentence after the one at s[from]: just past its terminal punctuation ('.', '!', '?', '…',
 * CJK full stops), closing quotes or brackets and the white space after them; len when the text ends
 * first. A '.' after an abbreviation ("Mr.", "e.g.", an initial) or before a lowercase word, and a '.'
 * not followed by white space ("3.5"), end no sentence. */
size_t textseg_next_sentence(const char *s, size_t len, size_t from);

#endif
