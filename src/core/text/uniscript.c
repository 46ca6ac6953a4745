/* uniscript: see uniscript.h. ICU's Script and Script_Extensions properties (UAX #24) and its
 * Default_Ignorable_Code_Point property. */
#include "uniscript.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* A script's ISO 15924 tag; Unknown (unassigned code points) counts as Common, as before. */
static const char *tag_of(UScriptCode code)
{
    const char *tag =
        code == USCRIPT_UNKNOWN || code == USCRIPT_INVALID_CODE ? NULL : uscript_getShortName(code);
    return tag && strlen(tag) == 4 ? tag : UNISCRIPT_COMMON;
}

const char *uniscript_tag(uint32_t cp)
{
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)cp, &err);
    if (U_FAILURE(err)) {
        return UNISCRIPT_COMMON;
    }
    if (code == USCRIPT_COMMON || code == USCRIPT_INHERITED) {
        /* a neutral character used by one script only (Script_Extensions) belongs to it */
        UScriptCode ext[2];
        int32_t n = uscript_getScriptExtensions((UChar32)cp, ext, 2, &err);
        if (U_SUCCESS(err) && n == 1) {
            code = ext[0];
        }
    }
    return tag_of(code);
}

bool uniscript_is_neutral(const char *tag)
{
    return strcmp(tag, UNISCRIPT_COMMON) == 0 || strcmp(tag, UNISCRIPT_INHERITED) == 0;
}

bool uniscript_is_ignorable(uint32_t cp)
{
    return u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) != 0;
}

bool uniscript_is_rtl(const char *tag)
{
    int32_t code = u_getPropertyValueEnum(UCHAR_SCRIPT, tag);
    return code != UCHAR_INVALID_CODE && uscript_isRightToLeft((UScriptCode)code) != 0;
}
