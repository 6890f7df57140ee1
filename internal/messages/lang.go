package messages

import (
	"strings"
)

// Lang is a language guide speaks to editors in.
type Lang string

// The languages of guide's messages.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// Tag returns the language's tag for the lang attribute of HTML.
func (l Lang) Tag() string {
	if l == Chinese {
		return "zh-CN"
	}
	return "en"
}

// Parse returns the language that the -lang flag names: zh or en.
func Parse(s string) (Lang, error) {
	switch strings.ToLower(s) {
	case "zh":
		return Chinese, nil
	case "en":
		return English, nil
	}
	return "", Errorf("-lang %q: write -lang zh for Chinese or -lang en for English", s)
}

// FromEnv returns the language of the environment that getenv reads: the
// first of LC_ALL, LC_MESSAGES and LANG that is set decides, as on every
// Unix, and a locale starting with "zh" (zh_CN.UTF-8, zh_TW) is Chinese.
// When none is set, as on Windows, the language of the user's interface
// decides. Anything else is English.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return ofLocale(v)
		}
	}
	return ofLocale(userLanguage())
}

// ofLocale returns the language of a locale name (zh_CN.UTF-8) or a
// language tag (zh-CN).
func ofLocale(locale string) Lang {
	if strings.HasPrefix(strings.ToLower(locale), "zh") {
		return Chinese
	}
	return English
}
