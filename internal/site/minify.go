package site

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// minifier is configured once and read-only afterwards; minify.M is safe
// for concurrent use.
var minifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
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
// returned as they are. data is left as it was: the minifiers rewrite
// their input in place, and the files of extensions are kept for Update to
// compare.
func minifyFile(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		return data, nil
	}
	out, err := minifier.Bytes(mt, bytes.Clone(data))
	if err != nil {
		return nil, fmt.Errorf("cannot minify: %v", err)
	}
	return out, nil
}
