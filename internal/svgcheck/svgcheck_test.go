package svgcheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`

// png is a data: URL of a one-pixel PNG image.
const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

// refusedCases are pictures that must be refused, each with the problems
// Clean must report.
var refusedCases = []struct {
	name, svg, want string
}{
	{"script", head + "\n  <script>alert(1)</script></svg>",
		"map.svg:2:3: <script> is not allowed in a picture: a script in an SVG would run on the site; export the picture again without scripts"},
	{"script in CDATA", head + "<script><![CDATA[alert(1)]]></script></svg>",
		"map.svg:1:104: <script> is not allowed in a picture: a script in an SVG would run on the site; export the picture again without scripts"},
	{"XHTML script", head + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`,
		`map.svg:1:104: <script> of the namespace "http://www.w3.org/1999/xhtml" is not allowed in a picture: only SVG elements are published; export the picture again as plain SVG`},
	{"onload", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
		"map.svg:1:41: onload= on <svg> is not allowed in a picture: an event handler runs script on the site; export the picture again without scripts"},
	{"onclick in capitals", head + `<rect ONCLICK="alert(1)"/></svg>`,
		"map.svg:1:110: ONCLICK= on <rect> is not allowed in a picture: an event handler runs script on the site; export the picture again without scripts"},
	{"foreignObject", head + `<foreignObject><body xmlns="http://www.w3.org/1999/xhtml" onload="alert(1)"/></foreignObject></svg>`,
		"map.svg:1:104: <foreignObject> is not allowed in a picture: it can hold a web page with forms and scripts inside the picture; export the picture again with its text as SVG text"},
	{"link", head + `<a href="https://evil.example/"><text>x</text></a></svg>`,
		"map.svg:1:104: <a> is not allowed in a picture: a link in a picture can run script or lead off the site, and readers cannot tell it is a link; put the link in the page's text"},
	{"iframe", head + `<iframe/></svg>`, "map.svg:1:104: <iframe> is not allowed in a picture: it loads another document into the picture; remove it"},
	{"embed", head + `<embed/></svg>`, "map.svg:1:104: <embed> is not allowed in a picture: it loads another document into the picture; remove it"},
	{"object", head + `<object/></svg>`, "map.svg:1:104: <object> is not allowed in a picture: it loads another document into the picture; remove it"},
	{"unknown element", head + `<blink/></svg>`,
		"map.svg:1:104: <blink> is not an SVG element the guide publishes in pictures; remove it, or export the picture again as plain SVG"},
	{"external use", head + `<use href="other.svg#x"/></svg>`,
		`map.svg:1:109: href="other.svg#x" on <use> is not allowed: a picture may refer only to its own parts ("#id") or hold a PNG, JPEG, GIF or WebP image as data:image/…;base64; embed the image in the picture, or export the picture again`},
	{"external xlink image", head + `<image xlink:href="https://evil.example/x.png"/></svg>`,
		`map.svg:1:111: xlink:href="https://evil.example/x.png" on <image> is not allowed: a picture may refer only to its own parts ("#id") or hold a PNG, JPEG, GIF or WebP image as data:image/…;base64; embed the image in the picture, or export the picture again`},
	{"xlink under another prefix", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink"><image l:href="x.png"/></svg>`,
		`map.svg:1:87: xlink:href="x.png" on <image> is not allowed: a picture may refer only to its own parts ("#id") or hold a PNG, JPEG, GIF or WebP image as data:image/…;base64; embed the image in the picture, or export the picture again`},
	{"javascript href", head + `<use href=" java&#9;script:alert(1)"/></svg>`,
		`map.svg:1:109: href=" java\tscript:alert(1)" on <use> is not allowed: a javascript: address runs script on the site`},
	{"SVG as data", head + `<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`,
		`map.svg:1:111: href="data:image/svg+xml;base64,PHN2Zz4=" on <image> is not allowed: a picture may refer only to its own parts ("#id") or hold a PNG, JPEG, GIF or WebP image as data:image/…;base64; embed the image in the picture, or export the picture again`},
	{"javascript in a value", head + `<rect fill="JavaScript:x"/></svg>`,
		"map.svg:1:120: fill on <rect> holds a javascript: address, which runs script on the site; remove it"},
	{"external paint", head + `<rect fill="url(https://evil.example/p.svg#g)"/></svg>`,
		`map.svg:1:116: fill="url(https://evil.example/p.svg#g)" on <rect> is not allowed: url(https://evil.example/p.svg#g) refers to something outside the picture; a picture may refer only to its own parts, such as url(#gradient)`},
	{"style attribute url", head + `<rect style="fill:red;background:URL( 'x.png' )"/></svg>`,
		"map.svg:1:137: the style of <rect> is not allowed: url(x.png) refers to something outside the picture; a picture may refer only to its own parts, such as url(#gradient)"},
	{"style import", head + "<style>\n@import 'https://evil.example/x.css';</style></svg>",
		"map.svg:2:1: the <style> of the picture is not allowed: @import loads a stylesheet from elsewhere; put the style in the picture"},
	{"style expression", head + `<style>rect { width: expression(alert(1)) }</style></svg>`,
		"map.svg:1:125: the <style> of the picture is not allowed: expression( runs script in old browsers; remove it"},
	{"style escape", head + `<style>rect { fill: u\72l(x.png) }</style></svg>`,
		`map.svg:1:125: the <style> of the picture is not allowed: an escape (\) in a style can hide url( or expression(; write the characters themselves`},
	{"style comment", head + `<style>@im/**/port "x.css";</style></svg>`,
		"map.svg:1:111: the <style> of the picture is not allowed: @import loads a stylesheet from elsewhere; put the style in the picture"},
	{"style font", head + `<style>@font-face { src: url(https://evil.example/f.woff) }</style></svg>`,
		"map.svg:1:129: the <style> of the picture is not allowed: url(https://evil.example/f.woff) refers to something outside the picture; a picture may refer only to its own parts, such as url(#gradient)"},
	{"style type", head + `<style type="text/xsl">x</style></svg>`,
		`map.svg:1:111: <style type="text/xsl"> is not allowed in a picture: only CSS styles are published`},
	{"set href", head + `<image href="#a"><set attributeName="xlink:href" to="javascript:alert(1)"/></image></svg>`,
		`map.svg:1:126: <set attributeName="xlink:href"> is not allowed in a picture: an animation may not change links or event handlers; remove it` + "\n" +
			"map.svg:1:161: to on <set> holds a javascript: address, which runs script on the site; remove it"},
	{"animate onclick", head + `<animate attributeName="onclick" values="alert(1)"/></svg>`,
		`map.svg:1:113: <animate attributeName="onclick"> is not allowed in a picture: an animation may not change links or event handlers; remove it`},
	{"animate style", head + `<animate attributeName="style" values="fill:red"/></svg>`,
		`map.svg:1:113: <animate attributeName="style"> is not allowed in a picture: it animates an attribute the guide does not publish in pictures; remove it`},
	{"animate to external", head + `<set attributeName="fill" to="url(//evil.example/x#y)"/></svg>`,
		`map.svg:1:134: to="url(//evil.example/x#y)" on <set> is not allowed: url(//evil.example/x#y) refers to something outside the picture; a picture may refer only to its own parts, such as url(#gradient)`},
	{"doctype", `<?xml version="1.0"?>` + "\n" + `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n" + head + "</svg>",
		"map.svg:2:1: <!DOCTYPE …> is not allowed in a picture: it can declare entities that change what the picture holds; delete the <!DOCTYPE …> line, or export the picture again as plain SVG"},
	{"entity", `<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]>` + head + "&x;</svg>",
		"map.svg:1:1: <!DOCTYPE …> is not allowed in a picture: it can declare entities that change what the picture holds; delete the <!DOCTYPE …> line, or export the picture again as plain SVG\n" +
			"map.svg:1:160: the picture cannot be read as XML: invalid character entity &x;; export it again from the drawing program"},
	{"stylesheet instruction", `<?xml-stylesheet href="https://evil.example/x.css"?>` + head + "</svg>",
		"map.svg:1:1: <?xml-stylesheet …?> is not allowed in a picture: an instruction such as xml-stylesheet loads something from elsewhere; remove it"},
	{"unknown attribute", head + `<rect data-x="1" formaction="x"/></svg>`,
		"map.svg:1:121: attribute formaction on <rect> is not one the guide publishes in pictures; remove it, or export the picture again as plain SVG"},
	{"attribute of another namespace", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:e="http://www.w3.org/2001/xml-events" e:event="load"/>`,
		`map.svg:1:85: attribute event (of the namespace "http://www.w3.org/2001/xml-events") on <svg> is not one the guide publishes in pictures; remove it, or export the picture again as plain SVG`},
	{"duplicate attribute", head + `<rect fill="red" fill="url(#a)"/></svg>`,
		"map.svg:1:121: attribute fill appears twice on <rect>; keep one"},
	{"not SVG", `<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`,
		`map.svg:1:1: the file is not an SVG picture: its first element is <html>, not <svg xmlns="http://www.w3.org/2000/svg">; export the picture again as SVG`},
	{"no namespace", `<svg onload="alert(1)"></svg>`,
		`map.svg:1:1: the file is not an SVG picture: its first element is <svg>, not <svg xmlns="http://www.w3.org/2000/svg">; export the picture again as SVG`},
	{"second root", head + `</svg><script>alert(1)</script>`,
		"map.svg:1:110: the picture has a second top-level element <script>; an SVG file holds one <svg> element"},
	{"not XML", head + "<rect></svg>",
		"map.svg:1:110: the picture cannot be read as XML: element <rect> closed by </svg>; export it again from the drawing program"},
	{"empty", "", "map.svg:1:1: the file holds no <svg> element; export the picture again as SVG"},
	{"several", head + "\n<script/>\n<rect onclick='x' style='fill:url(http://x/)'/>\n</svg>",
		"map.svg:2:1: <script> is not allowed in a picture: a script in an SVG would run on the site; export the picture again without scripts\n" +
			"map.svg:3:7: onclick= on <rect> is not allowed in a picture: an event handler runs script on the site; export the picture again without scripts\n" +
			"map.svg:3:31: the style of <rect> is not allowed: url(http://x/) refers to something outside the picture; a picture may refer only to its own parts, such as url(#gradient)"},
}

// TestRefused checks that each way a picture could run script or load
// from elsewhere is refused, at the place it is written, with the reason.
func TestRefused(t *testing.T) {
	for _, tt := range refusedCases {
		t.Run(tt.name, func(t *testing.T) {
			out, errs := Clean("map.svg", []byte(tt.svg))
			if out != nil {
				t.Errorf("Clean published %s; want nothing", out)
			}
			if got := errs.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestClean checks what is published of pictures that may be: editors'
// data is dropped, what draws is kept.
func TestClean(t *testing.T) {
	tests := []struct {
		name, svg, want string
	}{
		{"favicon",
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#12335f"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#12335f"></rect></svg>`},
		{"Inkscape", inkscape,
			`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="210mm" height="297mm" viewBox="0 0 210 297" version="1.1" id="svg1">
  
  <defs id="defs1"><linearGradient id="g1"><stop offset="0" style="stop-color:#12335f"></stop></linearGradient></defs>
  
  <g id="layer1">
    <title>地图</title>
    <rect style="fill:url(#g1);stroke:#000" width="50" height="20" x="10" y="10" id="rect1"></rect>
    <image xlink:href="` + png + `" width="1" height="1" x="0" y="0"></image>
    <text xml:space="preserve" x="12" y="20" id="text1"><tspan id="tspan1" x="12" y="20">签证 &amp; 面谈 &lt;1&gt;</tspan></text>
  </g>
</svg>`},
		{"animation and filters",
			head + `<filter id="f"><feGaussianBlur stdDeviation="2"/></filter><circle r="3" filter="url(#f)"><animate attributeName="r" values="1;3" dur="1s"/></circle><use href="#f"/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><filter id="f"><feGaussianBlur stdDeviation="2"></feGaussianBlur></filter><circle r="3" filter="url(#f)"><animate attributeName="r" values="1;3" dur="1s"></animate></circle><use href="#f"></use></svg>`},
		{"attribute values escaped",
			head + `<text x="1" y="2" aria-label="a &quot;b&quot; &lt;c&gt;&#10;d">x</text></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text x="1" y="2" aria-label="a &quot;b&quot; &lt;c&gt;&#10;d">x</text></svg>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs := Clean("map.svg", []byte(tt.svg))
			if errs != nil {
				t.Fatalf("Clean refused the picture:\n%s", errs.Error())
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
		})
	}
}

// inkscape is a picture as Inkscape saves it, with its own data, RDF
// metadata and comments.
const inkscape = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg
   width="210mm"
   height="297mm"
   viewBox="0 0 210 297"
   version="1.1"
   id="svg1"
   inkscape:version="1.3.2 (091e20e, 2023-11-25)"
   sodipodi:docname="map.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:zoom="0.7"><inkscape:page x="0" y="0" width="210" height="297" id="page1"/></sodipodi:namedview>
  <defs id="defs1"><linearGradient id="g1" inkscape:collect="always"><stop offset="0" style="stop-color:#12335f"/></linearGradient></defs>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>map</dc:title></cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <title>地图</title>
    <rect style="fill:url(#g1);stroke:#000" width="50" height="20" x="10" y="10" id="rect1" sodipodi:nodetypes="cccc"/>
    <svg:image xlink:href="` + png + `" width="1" height="1" x="0" y="0"/>
    <text xml:space="preserve" x="12" y="20" id="text1"><tspan sodipodi:role="line" id="tspan1" x="12" y="20"><![CDATA[签证 & 面谈 <1>]]></tspan></text>
  </g>
</svg>
`

// TestCleanIsStable checks that what Clean publishes passes Clean again
// unchanged.
func TestCleanIsStable(t *testing.T) {
	for _, svg := range []string{inkscape, head + `<rect/></svg>`} {
		once, errs := Clean("a.svg", []byte(svg))
		if errs != nil {
			t.Fatal(errs)
		}
		twice, errs := Clean("a.svg", once)
		if errs != nil {
			t.Fatalf("the cleaned picture is refused: %v", errs)
		}
		if !bytes.Equal(once, twice) {
			t.Errorf("cleaning twice changed the picture:\n%s\n%s", once, twice)
		}
	}
}

// FuzzClean checks that Clean never fails on any input, that what it
// publishes passes it again unchanged, and that nothing it publishes
// could run script.
func FuzzClean(f *testing.F) {
	f.Add([]byte(inkscape))
	f.Add([]byte(head + `<script>alert(1)</script></svg>`))
	f.Add([]byte(head + `<rect onload="x" style="fill:url(#a)"/><use href="#a"/></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, errs := Clean("f.svg", data)
		if errs != nil {
			if out != nil {
				t.Fatalf("Clean returned both a picture and problems")
			}
			for _, e := range errs {
				if e.Pos.File != "f.svg" || e.Pos.Line < 1 || e.Pos.Col < 1 {
					t.Fatalf("problem without a position: %v", e)
				}
			}
			return
		}
		again, errs := Clean("f.svg", out)
		if errs != nil {
			t.Fatalf("Clean published %q, which it refuses: %v", out, errs)
		}
		if !bytes.Equal(out, again) {
			t.Fatalf("cleaning twice changed the picture:\n%q\n%q", out, again)
		}
		assertHarmless(t, out)
	})
}

// assertHarmless reads a published picture again and fails if any
// element or attribute of it could run script.
func assertHarmless(t *testing.T, out []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if refused[tok.Name.Local].Format != "" || tok.Name.Space != svgNS {
				t.Fatalf("Clean published <%s> of %q: %q", tok.Name.Local, tok.Name.Space, out)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || hasScript(a.Value) {
					t.Fatalf("Clean published the attribute %s=%q: %q", a.Name.Local, a.Value, out)
				}
			}
		case xml.Directive, xml.ProcInst:
			t.Fatalf("Clean published %q", out)
		}
	}
}

func ExampleClean() {
	_, errs := Clean("content/booking/map.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg">
  <rect width="10" height="10"/>
  <script>alert(document.cookie)</script>
</svg>`))
	fmt.Println(errs.Error())
	// Output:
	// content/booking/map.svg:3:3: <script> is not allowed in a picture: a script in an SVG would run on the site; export the picture again without scripts
}
