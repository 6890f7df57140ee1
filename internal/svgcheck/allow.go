package svgcheck

import (
	"strings"

	"guide/internal/messages"
)

// The namespaces the check knows.
const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
)

// editorNS are the namespaces of drawing programs' own data and of the
// RDF metadata they write: elements and attributes in them describe the
// file for the program, show nothing and are dropped.
var editorNS = map[string]bool{
	"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd": true,
	"http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd": true,
	"http://www.inkscape.org/namespaces/inkscape":        true,
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#":        true,
	"http://creativecommons.org/ns#":                     true,
	"http://web.resource.org/cc/":                        true,
	"http://purl.org/dc/elements/1.1/":                   true,
	"http://ns.adobe.com/AdobeIllustrator/10.0/":         true,
	"http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/":  true,
	"http://ns.adobe.com/Extensibility/1.0/":             true,
	"http://ns.adobe.com/Graphs/1.0/":                    true,
	"http://ns.adobe.com/SaveForWeb/1.0/":                true,
	"http://ns.adobe.com/Variables/1.0/":                 true,
	"http://ns.adobe.com/ImageReplacement/1.0/":          true,
	"http://www.bohemiancoding.com/sketch/ns":            true,
}

// refused are the SVG elements that can run script, load another
// document or link away, with the reason and the fix the message gives.
var refused = map[string]messages.Text{
	"script":        messages.Sprintf("a script in an SVG would run on the site; export the picture again without scripts"),
	"foreignObject": messages.Sprintf("it can hold a web page with forms and scripts inside the picture; export the picture again with its text as SVG text"),
	"a":             messages.Sprintf("a link in a picture can run script or lead off the site, and readers cannot tell it is a link; put the link in the page's text"),
	"iframe":        messages.Sprintf("it loads another document into the picture; remove it"),
	"embed":         messages.Sprintf("it loads another document into the picture; remove it"),
	"object":        messages.Sprintf("it loads another document into the picture; remove it"),
	"audio":         messages.Sprintf("it loads sound from elsewhere; remove it"),
	"video":         messages.Sprintf("it loads a film from elsewhere; remove it"),
	"handler":       messages.Sprintf("it runs script; export the picture again without scripts"),
	"listener":      messages.Sprintf("it runs script; export the picture again without scripts"),
}

// elements are the SVG elements a published picture may hold: shapes,
// text, paint servers, clipping, masks, filters and animation.
var elements = setOf(`svg g defs symbol use image switch title desc view
	path rect circle ellipse line polyline polygon text tspan textPath
	linearGradient radialGradient stop pattern clipPath mask marker style
	filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
	feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood
	feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode
	feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
	feTurbulence animate animateMotion animateTransform set mpath`)

// dropped are the SVG elements that are left out of the published file
// with all they hold: they show nothing.
var dropped = setOf(`metadata`)

// attributes are the attributes without a namespace that a published
// picture may carry: geometry, presentation, paint servers, filters,
// animation timing and accessibility. href, style and attributeName are
// allowed too, and their values checked (see checkAttr).
var attributes = setOf(`id class lang tabindex role focusable
	x y width height cx cy r rx ry x1 y1 x2 y2 d points pathLength
	viewBox preserveAspectRatio version baseProfile transform zoomAndPan
	alignment-baseline baseline-shift clip clip-path clip-rule color
	color-interpolation color-interpolation-filters color-rendering cursor
	direction display dominant-baseline enable-background fill fill-opacity
	fill-rule filter flood-color flood-opacity font font-family font-size
	font-size-adjust font-stretch font-style font-variant font-weight
	glyph-orientation-horizontal glyph-orientation-vertical image-rendering
	isolation kerning letter-spacing lighting-color marker marker-end
	marker-mid marker-start mask mask-type mix-blend-mode opacity overflow
	paint-order pointer-events shape-rendering solid-color solid-opacity
	stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset
	stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity
	stroke-width text-anchor text-decoration text-rendering transform-origin
	transform-box unicode-bidi vector-effect visibility white-space
	word-spacing writing-mode inline-size
	gradientUnits gradientTransform spreadMethod fx fy fr offset
	patternUnits patternContentUnits patternTransform
	clipPathUnits maskUnits maskContentUnits
	markerWidth markerHeight markerUnits refX refY orient
	dx dy rotate textLength lengthAdjust startOffset method spacing side
	filterUnits primitiveUnits filterRes in in2 result stdDeviation mode
	operator k1 k2 k3 k4 values type tableValues slope intercept amplitude
	exponent scale xChannelSelector yChannelSelector baseFrequency numOctaves
	seed stitchTiles order kernelMatrix divisor bias targetX targetY edgeMode
	kernelUnitLength preserveAlpha surfaceScale diffuseConstant
	specularConstant specularExponent azimuth elevation pointsAtX pointsAtY
	pointsAtZ limitingConeAngle radius
	requiredFeatures requiredExtensions systemLanguage viewTarget media title
	attributeType begin dur end min max restart repeatCount repeatDur
	calcMode keyTimes keySplines from to by additive accumulate path
	keyPoints`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
