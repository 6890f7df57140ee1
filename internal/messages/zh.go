package messages

import "maps"

// zh is the Chinese catalog: for each English format, its Chinese format.
// It is kept in two files: zh_content.go has what guide says about the
// content (the pages, rules and frames), zh_tools.go what its commands
// say (check, build, serve, help).
//
// How the Chinese is written: for office staff who do not program, plain,
// polite and concrete. A key of a file's settings is a 设置项, or named by
// itself ("title"); YAML is said once and explained; front matter is
// 文件开头的设置部分（front matter） the first time in a message, then
// 开头设置. File names, positions, keys and quoted values stay as they
// are. The verbs are those of the English format, numbered (%[2]q) where
// Chinese needs the arguments in another order.
var zh = merge(zhContent, zhTools)

// merge returns one map with the entries of all.
func merge(all ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range all {
		maps.Copy(out, m)
	}
	return out
}
