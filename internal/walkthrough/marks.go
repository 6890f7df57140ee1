package walkthrough

import (
	"fmt"
	"math"
	"strconv"

	"guide/internal/diag"
)

// The markers and outlines are drawn in an SVG over the picture whose user
// units span the picture's width in ViewWidth units, so that they scale
// with it: a marker placed beside a field on the frames file stays beside
// it on a phone, on a desktop and in the zoom view alike, and whether it
// covers the field does not depend on the reader's screen. These sizes
// are in those units: 1 unit is 0.33 CSS pixels of a picture shown 328 px
// wide on a 360 px phone, 0.64 of one shown 640 px wide on a desktop.
// static/css/site.css draws the markers smaller on wide screens (r 20),
// never larger.
const (
	// ViewWidth is the width of the picture in the SVG's user units.
	ViewWidth = 1000
	// MarkerR is the radius of a marker's circle, MarkerStroke the width
	// of its white rim.
	MarkerR      = 28
	MarkerStroke = 5
	// BoxStroke is the width of the outline of a field, drawn BoxGap
	// outside the field's box so that it covers none of the field's
	// label or value.
	BoxStroke = 6
	BoxGap    = 1
)

// geometry places one frame's markers and outlines in user units.
type geometry struct {
	// h is the picture's height in user units.
	h float64
}

func newGeometry(width, height int) geometry {
	return geometry{h: math.Round(ViewWidth*float64(height)/float64(width)*10) / 10}
}

// viewBox is the SVG viewBox attribute.
func (g geometry) viewBox() string { return "0 0 " + strconv.Itoa(ViewWidth) + " " + num(g.h) }

// point turns percentages of the picture into user units.
func (g geometry) point(x, y float64) (float64, float64) {
	return x * ViewWidth / 100, y * g.h / 100
}

// outline returns the rectangle drawn around box: the box grown by the gap
// and half the stroke, in user units.
func (g geometry) outline(b Box) (x, y, w, h float64) {
	x, y = g.point(b.X, b.Y)
	w, h = g.point(b.W, b.H)
	grow := BoxGap + BoxStroke/2.0
	return x - grow, y - grow, w + 2*grow, h + 2*grow
}

// clearance returns how far the rim of the marker at x, y (percent) is
// from the outer edge of the outline of box, in user units; it is
// negative when they overlap.
func (g geometry) clearance(c Callout) float64 {
	cx, cy := g.point(c.X, c.Y)
	x, y, w, h := g.outline(c.Box)
	dx := math.Max(math.Max(x-BoxStroke/2.0-cx, cx-(x+w+BoxStroke/2.0)), 0)
	dy := math.Max(math.Max(y-BoxStroke/2.0-cy, cy-(y+h+BoxStroke/2.0)), 0)
	return math.Hypot(dx, dy) - MarkerR - MarkerStroke/2.0
}

// leader returns the line from the rim of the marker of c to the nearest
// point of its outline, or nil when they nearly touch.
func (g geometry) leader(c Callout) *LineView {
	if !c.Box.IsSet() || g.clearance(c) < 4 {
		return nil
	}
	cx, cy := g.point(c.X, c.Y)
	x, y, w, h := g.outline(c.Box)
	px, py := math.Min(math.Max(cx, x), x+w), math.Min(math.Max(cy, y), y+h)
	d := math.Hypot(px-cx, py-cy)
	sx, sy := cx+(px-cx)*MarkerR/d, cy+(py-cy)*MarkerR/d
	return &LineView{X1: num(sx), Y1: num(sy), X2: num(px), Y2: num(py)}
}

// checkCovers reports the markers of f that cover the field they point at,
// once the picture's size is known.
func checkCovers(f *Frame, img *Image) diag.List {
	var errs diag.List
	g := newGeometry(img.Width, img.Height)
	for j, c := range f.Callouts {
		if !c.Box.IsSet() {
			continue
		}
		if gap := g.clearance(c); gap < 0 {
			need := (MarkerR + MarkerStroke/2.0 + BoxGap + BoxStroke) * 100 / ViewWidth
			errs.Add(f.loc.at(fmt.Sprintf("callouts.%d.x", j)),
				"frame %q, callout %d: the marker at x %s, y %s covers the field its box outlines; place it beside the box, outside it by %.1f%% of the picture's width or more: x at most %s or at least %s, or y outside the box likewise",
				f.ID, c.N, num(c.X), num(c.Y), need, num(math.Floor((c.Box.X-need)*10)/10), num(math.Ceil((c.Box.X+c.Box.W+need)*10)/10))
		}
	}
	return errs
}

// num formats a number of user units or percent, with one decimal at most.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}
