package site

import (
	"bytes"
	"path"
	"strings"

	"guide/internal/diag"
	"guide/internal/svgcheck"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// ScriptVersion is the newest ECMAScript edition that the published
// scripts may use. The minifier otherwise writes newer syntax than its
// input (an optional catch binding, "catch{}", is ES2019), which the old
// Chromium of WeChat's built-in browser, Chrome before 66 and iOS before
// 11.3 cannot parse. .ci/run checks the published scripts with es-check.
const ScriptVersion = 2017

// minifier is configured once and read-only afterwards; minify.M is safe
// for concurrent use.
var minifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.Add("application/javascript", &js.Minifier{Version: ScriptVersion})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/xml", xml.Minify)
	return m
}()

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "application/xml",
}

// minifyFile minifies a file by its extension; files of other types are
// returned as they are. file is the path that problems name
// ("content/booking/map.svg", or the name of an extension's file), and a
// non-nil error is a diag.List of them. An SVG picture is published only
// as svgcheck.Clean writes it again, once it has refused anything that
// could run script or load from elsewhere. data is left as it was: the
// minifiers rewrite their input in place, and the files of extensions are
// kept for Update to compare.
func minifyFile(file string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[strings.ToLower(path.Ext(file))]
	if !ok {
		return data, nil
	}
	src := bytes.Clone(data)
	if mt == "image/svg+xml" {
		clean, errs := svgcheck.Clean(file, data)
		if errs != nil {
			return nil, errs
		}
		src = clean
	}
	out, err := minifier.Bytes(mt, src)
	if err != nil {
		var errs diag.List
		errs.Add(diag.Pos{File: file}, "cannot minify: %v", err)
		return nil, errs
	}
	return out, nil
}
