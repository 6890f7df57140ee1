package layout

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// The escaping functions that html/template inserts into the actions of a
// layout, as the compiled program runs them: without a reflective call,
// and only for the values whose escaping is reproduced here exactly. For
// any other value they return errFallback, and the page is rendered by
// html/template itself. The escaping decisions (which function goes where)
// are html/template's, read from its escaped parse trees; only the
// functions are re-implemented. FuzzCompiledEscaping compares them with
// html/template's on arbitrary text in every context.

// content is the kind of a value given to an escaper: plain text, or one of
// html/template's typed strings that it trusts in some contexts.
type content int

const (
	plainText content = iota
	htmlContent
	urlContent
)

// escaper turns a value into the text to write.
type escaper func(s string, c content) (string, error)

// escapers are the functions of html/template's escaped trees that the
// compiled program runs, by name. A layout whose trees call another (the
// JavaScript and CSS escapers) is not compiled.
var escapers = map[string]escaper{
	"_html_template_htmlescaper": func(s string, c content) (string, error) {
		if c == htmlContent {
			return s, nil
		}
		return escapeHTML(s), nil
	},
	"_html_template_attrescaper": func(s string, c content) (string, error) {
		if c == htmlContent {
			// html/template strips the tags of HTML put into an
			// attribute; that parser is not reproduced.
			return "", errFallback
		}
		return escapeHTML(s), nil
	},
	"_html_template_rcdataescaper": func(s string, c content) (string, error) {
		if c == htmlContent {
			return escapeText(s, false), nil
		}
		return escapeHTML(s), nil
	},
	"_html_template_srcsetescaper": func(s string, c content) (string, error) {
		if c == urlContent {
			// A trusted URL is one image candidate: its commas
			// would separate others.
			return strings.ReplaceAll(percentEncode(s, true), ",", "%2c"), nil
		}
		return filterSrcset(s), nil
	},
	"_html_template_urlfilter": func(s string, c content) (string, error) {
		if c != urlContent && !safeURL(s) {
			return "#ZgotmplZ", nil
		}
		return s, nil
	},
	"_html_template_urlnormalizer": func(s string, c content) (string, error) {
		return percentEncode(s, true), nil
	},
	"_html_template_urlescaper": func(s string, c content) (string, error) {
		return percentEncode(s, c == urlContent), nil
	},
}

// escapeInput converts a value given to an escaper as html/template does:
// strings and the typed strings trusted here by their text, other values
// that are neither pointers nor typed strings by fmt.Sprint. An invalid
// value (a missing map entry) is given as nil, which prints nothing.
func escapeInput(v reflect.Value) (string, content, error) {
	if !v.IsValid() {
		return "", plainText, nil
	}
	if v.Kind() == reflect.String {
		switch v.Type() {
		case stringType:
			return v.String(), plainText, nil
		case htmlType:
			return v.String(), htmlContent, nil
		case urlType:
			return v.String(), urlContent, nil
		}
	}
	if !v.CanInterface() {
		return "", plainText, errFallback
	}
	switch v.Interface().(type) {
	case template.CSS, template.HTMLAttr, template.JS, template.JSStr, template.Srcset:
		return "", plainText, errFallback
	}
	if v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		return "", plainText, errFallback
	}
	return fmt.Sprint(v.Interface()), plainText, nil
}

var (
	stringType = reflect.TypeFor[string]()
	htmlType   = reflect.TypeFor[template.HTML]()
	urlType    = reflect.TypeFor[template.URL]()
)

// escapeHTML replaces the characters that are special in HTML text and
// quoted or unquoted attribute values by character references, and NUL by
// U+FFFD. Bytes of multi-byte UTF-8 sequences are all above 0x7f and pass
// through, as do invalid bytes.
func escapeHTML(s string) string { return escapeText(s, true) }

// escapeText is escapeHTML, leaving & alone unless amp: text that is HTML
// already keeps its character references when put into <title> or
// <textarea>.
func escapeText(s string, amp bool) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		var ref string
		switch s[i] {
		case 0:
			ref = "\uFFFD"
		case '"':
			ref = "&#34;"
		case '&':
			if !amp {
				continue
			}
			ref = "&amp;"
		case '\'':
			ref = "&#39;"
		case '+':
			ref = "&#43;"
		case '<':
			ref = "&lt;"
		case '>':
			ref = "&gt;"
		default:
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteString(ref)
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// safeURL reports whether a URL put into an attribute may stay: one
// without a scheme, or with http, https or mailto.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// percentEncode encodes the bytes of s that may not stand in a URL as %xx
// (lower-case hex). Letters, digits and -._~ always stay. With normalize,
// the URL's own punctuation (!#$&*+,/:;=?@[]) and valid %xx escapes stay
// too; without, they are encoded, for text put into a URL's part.
func percentEncode(s string, normalize bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '-' || c == '.' || c == '_' || c == '~':
			continue
		case normalize && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case normalize && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// filterSrcset checks each image candidate of a srcset attribute (a URL
// and, after spaces, a width or density): a candidate with an unsafe URL
// or other metadata is replaced by #ZgotmplZ, a safe one has its URL
// normalized.
func filterSrcset(s string) string {
	var b strings.Builder
	for i, cand := range strings.Split(s, ",") {
		if i > 0 {
			b.WriteByte(',')
		}
		start := 0
		for start < len(cand) && isHTMLSpace(cand[start]) {
			start++
		}
		end := start
		for end < len(cand) && !isHTMLSpace(cand[end]) {
			end++
		}
		url, meta := cand[start:end], cand[end:]
		if !safeURL(url) || strings.ContainsFunc(meta, func(r rune) bool {
			return r > 0x7f || !isHTMLSpace(byte(r)) && !isAlnum(byte(r))
		}) {
			b.WriteString("#ZgotmplZ")
			continue
		}
		b.WriteString(cand[:start])
		b.WriteString(percentEncode(url, true))
		b.WriteString(meta)
	}
	return b.String()
}

// isHTMLSpace reports whether c is one of HTML's spaces: tab, line feed,
// form feed, carriage return and space.
func isHTMLSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
