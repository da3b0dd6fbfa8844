// langid.cc - CLD2 from C (see langid.h). Every call is inside try: no
// exception crosses extern "C".
#include "langid.h"

#include <climits>
#include <cstdio> // before CLD2's header, which uses FILE without it

#include <cld2/public/compact_lang_det.h>

extern "C" const char *dx_langid_cld2(const char *text, size_t len)
{
	if (!text || len == 0)
		return nullptr;
	if (len > INT_MAX)
		len = INT_MAX;
	try {
		bool reliable = false;
		CLD2::Language l = CLD2::DetectLanguage(text, static_cast<int>(len), true, &reliable);
		if (l == CLD2::UNKNOWN_LANGUAGE)
			return nullptr;
		return CLD2::LanguageCode(l);
	} catch (...) {
		return nullptr;
	}
}
