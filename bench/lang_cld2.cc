// bench/lang_cld2.cc - CLD2's answer for each line of stdin (a text with
// its newlines written as "\n"), for bench/lang_detect.py to set beside
// libexttextcat's. Prints one ISO 639-1 code per line ("un" for unknown).
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <iostream>
#include <string>

int main()
{
	std::string line;
	while (std::getline(std::cin, line)) {
		std::string text;
		for (size_t i = 0; i < line.size(); i++) {
			if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == 'n') {
				text += '\n';
				i++;
			} else {
				text += line[i];
			}
		}
		bool reliable = false;
		CLD2::Language l = CLD2::DetectLanguage(text.data(), (int)text.size(), true, &reliable);
		std::cout << CLD2::LanguageCode(l) << '\n';
	}
	return 0;
}
