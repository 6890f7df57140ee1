package main

import (
	"bytes"
	"cmp"
	"image"
	"image/color"
	"image/png"
	"slices"
)

// maxColours is the size of a PNG palette.
const maxColours = 256

// encodePaletted writes img as a PNG image with a palette of at most 256
// colours (see quantize). A mock-up has flat colours and anti-aliased text:
// its palette PNG is a third the size of the full-colour one, and looks
// the same.
func encodePaletted(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, quantize(img))
	return b.Bytes(), err
}

// colourCount is one colour of an image and how many pixels have it.
type colourCount struct {
	c [4]uint8 // R, G, B, A, not premultiplied
	n int
}

// quantize returns img with a palette of at most 256 colours: its own
// colours when it has no more, or else the weighted means of the boxes of a
// median cut of its colours, each pixel drawn in the nearest colour of the
// palette, without dithering, so that flat areas stay flat.
func quantize(img image.Image) *image.Paletted {
	b := img.Bounds()
	counts := map[[4]uint8]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			counts[rgba(img.At(x, y))]++
		}
	}
	colours := make([]colourCount, 0, len(counts))
	for c, n := range counts {
		colours = append(colours, colourCount{c, n})
	}
	// A fixed order, so that a mock-up drawn again gives the same file.
	slices.SortFunc(colours, func(a, b colourCount) int { return cmp.Compare(key(a.c), key(b.c)) })
	var pal color.Palette
	for _, box := range medianCut(colours, maxColours) {
		pal = append(pal, mean(box))
	}
	out := image.NewPaletted(b, pal)
	index := map[[4]uint8]uint8{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := rgba(img.At(x, y))
			i, ok := index[c]
			if !ok {
				i = uint8(nearest(pal, c))
				index[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}

// medianCut splits colours into at most n boxes: while there are fewer, the
// box whose widest channel spans the most, weighted by its pixels, is cut
// at the weighted median of that channel.
func medianCut(colours []colourCount, n int) [][]colourCount {
	boxes := [][]colourCount{colours}
	for len(boxes) < n {
		best, bestScore, bestCh := -1, 0, 0
		for i, box := range boxes {
			if len(box) < 2 {
				continue
			}
			ch, span := widest(box)
			pixels := 0
			for _, c := range box {
				pixels += c.n
			}
			if score := span * pixels; score > bestScore {
				best, bestScore, bestCh = i, score, ch
			}
		}
		if best < 0 {
			break // every box holds one colour
		}
		box := boxes[best]
		slices.SortStableFunc(box, func(a, b colourCount) int { return cmp.Compare(a.c[bestCh], b.c[bestCh]) })
		total := 0
		for _, c := range box {
			total += c.n
		}
		cut, seen := 1, 0
		for i, c := range box[:len(box)-1] {
			seen += c.n
			cut = i + 1
			if seen*2 >= total {
				break
			}
		}
		boxes = append(boxes[:best], append([][]colourCount{box[:cut], box[cut:]}, boxes[best+1:]...)...)
	}
	return boxes
}

// widest returns the channel whose values span the most in box, and the
// span.
func widest(box []colourCount) (ch, span int) {
	for i := range 4 {
		lo, hi := 255, 0
		for _, c := range box {
			lo, hi = min(lo, int(c.c[i])), max(hi, int(c.c[i]))
		}
		if hi-lo > span {
			ch, span = i, hi-lo
		}
	}
	return ch, span
}

// mean returns the mean colour of box, weighted by pixels.
func mean(box []colourCount) color.NRGBA {
	var sum [4]int
	total := 0
	for _, c := range box {
		for i := range 4 {
			sum[i] += int(c.c[i]) * c.n
		}
		total += c.n
	}
	var m [4]uint8
	for i := range 4 {
		m[i] = uint8((sum[i] + total/2) / total)
	}
	return color.NRGBA{m[0], m[1], m[2], m[3]}
}

// nearest returns the index of the colour of pal nearest to c.
func nearest(pal color.Palette, c [4]uint8) int {
	best, bestD := 0, -1
	for i, p := range pal {
		q := p.(color.NRGBA)
		d := 0
		for j, v := range [4]uint8{q.R, q.G, q.B, q.A} {
			e := int(v) - int(c[j])
			d += e * e
		}
		if bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// rgba returns c as 8-bit channels, not premultiplied.
func rgba(c color.Color) [4]uint8 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return [4]uint8{n.R, n.G, n.B, n.A}
}

func key(c [4]uint8) uint32 {
	return uint32(c[0])<<24 | uint32(c[1])<<16 | uint32(c[2])<<8 | uint32(c[3])
}
