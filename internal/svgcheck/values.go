package svgcheck

import (
	"strings"

	"guide/internal/messages"
)

// hrefProblem says what is wrong with the value of an href, or "" when it
// refers to a part of the same picture ("#id") or holds a PNG, JPEG, GIF or
// WebP image as a data: URL. Anything else would load from elsewhere or,
// as a javascript: URL, run script.
func hrefProblem(v string) messages.Text {
	v = strings.TrimSpace(v)
	if id, ok := strings.CutPrefix(v, "#"); ok && id != "" && !strings.ContainsAny(id, " \t\r\n\"'<>()\\") {
		return messages.Text{}
	}
	if isDataImage(v) {
		return messages.Text{}
	}
	if hasScript(v) {
		return messages.Sprintf("a javascript: address runs script on the site")
	}
	return messages.Sprintf("a picture may refer only to its own parts (\"#id\") or hold a PNG, JPEG, GIF or WebP image as data:image/…;base64; embed the image in the picture, or export the picture again")
}

// dataImages are the media types a picture may embed as data: URLs.
var dataImages = []string{"image/png", "image/jpeg", "image/gif", "image/webp"}

// isDataImage reports whether v is a base64 data: URL of an image that
// cannot run script: not SVG, whose own scripts would run when opened.
func isDataImage(v string) bool {
	rest, ok := cutPrefixFold(v, "data:")
	if !ok {
		return false
	}
	mt, data, ok := strings.Cut(rest, ",")
	if !ok {
		return false
	}
	known := false
	for _, t := range dataImages {
		known = known || strings.EqualFold(mt, t+";base64")
	}
	if !known {
		return false
	}
	for _, c := range data {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '+', c == '/', c == '=', c == ' ', c == '\t', c == '\r', c == '\n':
		default:
			return false
		}
	}
	return true
}

// hasScript reports whether v holds a javascript: (or vbscript:) address,
// the way a browser reads one: in any case, and with blanks and control
// characters inside the scheme ignored.
func hasScript(v string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(v) {
		if r > ' ' {
			b.WriteRune(r)
		}
	}
	s := b.String()
	return strings.Contains(s, "javascript:") || strings.Contains(s, "vbscript:")
}

// cssProblem says what is wrong with a style (a style attribute or the
// text of a <style> element), with the text it found, or returns "" when
// the style only sets properties and refers to nothing outside the
// picture. Comments and blanks are removed before looking, so that they
// cannot hide a function's name.
func cssProblem(css string) (found string, problem messages.Text) {
	s := flatCSS(css)
	for _, f := range cssForbidden {
		if strings.Contains(s, f.text) {
			return f.text, f.problem
		}
	}
	return urlProblem(s)
}

// cssForbidden are what a picture's style may not hold besides url( to
// something outside the picture.
var cssForbidden = []struct {
	text    string
	problem messages.Text
}{
	{`\`, messages.Sprintf("an escape (\\) in a style can hide url( or expression(; write the characters themselves")},
	{"@import", messages.Sprintf("@import loads a stylesheet from elsewhere; put the style in the picture")},
	{"expression(", messages.Sprintf("expression( runs script in old browsers; remove it")},
	{"-moz-binding", messages.Sprintf("-moz-binding loads script in old browsers; remove it")},
	{"behavior", messages.Sprintf("behavior loads script in old browsers; remove it")},
	{"image-set(", messages.Sprintf("image-set( loads images from elsewhere; remove it")},
}

// urlProblem looks at every url( of a flattened style or attribute value:
// each must refer to a part of the picture, such as url(#gradient).
func urlProblem(s string) (found string, problem messages.Text) {
	for {
		i := strings.Index(s, "url(")
		if i < 0 {
			return "", messages.Text{}
		}
		s = s[i+len("url("):]
		arg := strings.TrimLeft(s, `"'`)
		end := strings.IndexAny(arg, `"')`)
		if end < 0 {
			end = len(arg)
		}
		if ref := arg[:end]; !strings.HasPrefix(ref, "#") || len(ref) == 1 {
			return "url(", messages.Sprintf("url(%s) refers to something outside the picture; a picture may refer only to its own parts, such as url(#gradient)", ref)
		}
	}
}

// flatCSS lowercases a style and removes its comments and blanks.
func flatCSS(css string) string {
	var b strings.Builder
	s := strings.ToLower(css)
	for s != "" {
		if rest, ok := strings.CutPrefix(s, "/*"); ok {
			_, after, found := strings.Cut(rest, "*/")
			if !found {
				break
			}
			s = after
			continue
		}
		if c := s[0]; c > ' ' {
			b.WriteByte(c)
		}
		s = s[1:]
	}
	return b.String()
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}
