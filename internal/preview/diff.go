package preview

// Line is a line of text that a build removes from a page or adds to it.
type Line struct {
	// Added is true for a line the build adds, false for one it removes.
	Added bool
	Text  string
}

// maxCells bounds the table of the longest common subsequence: pages are a
// few hundred lines, and a pair of pages that would need more is shown as
// every old line removed and every new line added.
const maxCells = 1 << 22

// Diff returns the lines to remove from a and to add to it to make b, in
// the order of the pages: a line diff by the longest common subsequence of
// the lines, after the lines that both begin and end with are set aside.
func Diff(a, b []string) []Line {
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if (len(a)+1)*(len(b)+1) > maxCells {
		return replaced(a, b)
	}
	// common[i][j] is the length of the longest common subsequence of
	// a[i:] and b[j:], in one slice of rows.
	w := len(b) + 1
	common := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				common[i*w+j] = common[(i+1)*w+j+1] + 1
			case common[(i+1)*w+j] >= common[i*w+j+1]:
				common[i*w+j] = common[(i+1)*w+j]
			default:
				common[i*w+j] = common[i*w+j+1]
			}
		}
	}
	var out []Line
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			i, j = i+1, j+1
		case common[(i+1)*w+j] >= common[i*w+j+1]:
			out = append(out, Line{Text: a[i]})
			i++
		default:
			out = append(out, Line{Added: true, Text: b[j]})
			j++
		}
	}
	return append(out, replaced(a[i:], b[j:])...)
}

// replaced returns every line of a removed and every line of b added.
func replaced(a, b []string) []Line {
	out := make([]Line, 0, len(a)+len(b))
	for _, s := range a {
		out = append(out, Line{Text: s})
	}
	for _, s := range b {
		out = append(out, Line{Added: true, Text: s})
	}
	return out
}
