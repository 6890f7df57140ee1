package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestQuantizeFewColours checks that an image with at most 256 colours
// keeps them all, exactly.
func TestQuantizeFewColours(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 64, 4))
	for x := range 64 {
		for y := range 4 {
			img.Set(x, y, color.NRGBA{uint8(x * 4), uint8(y * 60), 200, 255})
		}
	}
	q := quantize(img)
	if len(q.Palette) != 64*4 {
		t.Fatalf("%d colours in the palette; want the image's %d", len(q.Palette), 64*4)
	}
	for x := range 64 {
		for y := range 4 {
			if got, want := color.NRGBAModel.Convert(q.At(x, y)), img.At(x, y); got != want {
				t.Fatalf("pixel %d,%d is %v; want %v", x, y, got, want)
			}
		}
	}
}

// TestQuantizeManyColours checks that an image with thousands of colours
// gets a palette of 256, and that no pixel moves far from its colour.
func TestQuantizeManyColours(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 128, 128))
	for x := range 128 {
		for y := range 128 {
			img.Set(x, y, color.NRGBA{uint8(x * 2), uint8(y * 2), uint8((x + y) % 256), 255})
		}
	}
	q := quantize(img)
	if len(q.Palette) != maxColours {
		t.Fatalf("%d colours in the palette; want %d", len(q.Palette), maxColours)
	}
	worst := 0
	for x := range 128 {
		for y := range 128 {
			a, b := rgba(img.At(x, y)), rgba(q.At(x, y))
			d := 0
			for i := range 4 {
				e := int(a[i]) - int(b[i])
				d += e * e
			}
			worst = max(worst, d)
		}
	}
	// 256 boxes over a 256×256×256 cube of 16,384 colours: a box is
	// about 40 apart along each side.
	if worst > 3*40*40 {
		t.Errorf("a pixel moved %d (squared distance) from its colour; want at most %d", worst, 3*40*40)
	}
	data, err := encodePaletted(img)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := dec.(*image.Paletted); !ok {
		t.Errorf("the PNG decodes as %T; want *image.Paletted", dec)
	}
}
