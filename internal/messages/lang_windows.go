package messages

import "golang.org/x/sys/windows"

// userLanguage returns the first language of the user's Windows interface,
// as a tag such as "zh-CN", or "" when Windows does not say. Editors on
// Windows set no LANG; their Windows is in the language they read.
func userLanguage() string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil || len(langs) == 0 {
		return ""
	}
	return langs[0]
}
