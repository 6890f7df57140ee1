// Command illustrate draws the illustrations of the screens of the US visa
// scheduling site that the booking guide explains, as PNG images.
//
// We have no screenshots of the real site, so each image is a plain HTML
// mock-up from the folder mockups, with a band "示意图 Illustration" in its
// top right corner. The program opens each mock-up in a headless Chromium at
// a width of 1200 px, makes the viewport as tall as the content, and writes
// NAME.png, reduced to a palette of at most 256 colours (palette.go), and
// NAME.fields.yaml into the output folder. The YAML file holds
// the size of the image and the box of every element that the HTML marks with
// a data-field attribute, in percent of the image, so that an editor can put
// numbered callouts on the image. The label of a field is its data-label
// attribute, or else the text of its .label element.
//
// Usage:
//
//	go run ./cmd/illustrate [-out content/booking] [-chrome /usr/bin/chromium]
//
// Edit a mock-up and run the program again to redraw its image. To use a real
// screenshot instead, replace the PNG and edit its YAML file by hand.
package main

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io/fs"
	"log"
	"math"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"guide/internal/browsertest/launch"
)

//go:embed mockups/*.html mockups/*.css
var mockups embed.FS

// width is the width of every image, in pixels. The device scale factor is 1,
// so a CSS pixel is an image pixel.
const width = 1200

func main() {
	log.SetFlags(0)
	log.SetPrefix("illustrate: ")
	out := flag.String("out", "content/booking", "the `folder` for the PNG images and their .fields.yaml files")
	chrome := flag.String("chrome", "", "the `path` of the browser; empty means $CHROME_PATH, or chromium, chromium-browser or google-chrome on PATH")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *chrome); err != nil {
		log.Fatal(err)
	}
}

// run draws every mock-up into outDir with the browser at chromePath.
func run(outDir, chromePath string) error {
	pages, err := fs.Glob(mockups, "mockups/*.html")
	if err != nil {
		return err
	}
	site, err := fs.Sub(mockups, "mockups")
	if err != nil {
		return err
	}
	if chromePath == "" {
		if chromePath, err = launch.FindBrowser(); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServerFS(site), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }() // It ends with ErrServerClosed at Close.
	defer srv.Close()
	baseURL := "http://" + ln.Addr().String()

	ctx, stop, err := launch.Start(context.Background(), chromePath, "")
	if err != nil {
		return err
	}
	defer stop()

	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		img, err := capture(ctx, baseURL+"/"+name+".html")
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		pngPath := filepath.Join(outDir, name+".png")
		if err := os.WriteFile(pngPath, img.png, 0o644); err != nil {
			return err
		}
		yamlPath := filepath.Join(outDir, name+".fields.yaml")
		if err := os.WriteFile(yamlPath, img.sidecar(name+".png"), 0o644); err != nil {
			return err
		}
		log.Printf("wrote %s (%dx%d, %d KB, %d fields) and %s", pngPath, img.width, img.height, (len(img.png)+1023)/1024, len(img.fields), filepath.Base(yamlPath))
	}
	return nil
}

// field is an element that a mock-up marks with data-field, with its box in
// CSS pixels.
type field struct {
	ID    string  `json:"id"`
	Label string  `json:"label"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	H     float64 `json:"h"`
}

// drawing is a drawn mock-up.
type drawing struct {
	png           []byte
	width, height int
	fields        []field
}

// measureFields is the JavaScript that returns the fields of the page.
const measureFields = `Array.from(document.querySelectorAll("[data-field]"), el => {
	const r = el.getBoundingClientRect();
	let label = el.dataset.label || "";
	const l = el.querySelector(".label");
	if (!label && l) {
		label = Array.from(l.childNodes, n => n.textContent.trim()).filter(Boolean).join(" ");
	}
	return {id: el.dataset.field, label: label.replace(/\s+/g, " ").trim(),
		x: r.left, y: r.top, w: r.width, h: r.height};
})`

// capture opens the page at pageURL in a new tab and draws it.
func capture(browserCtx context.Context, pageURL string) (*drawing, error) {
	tabCtx, cancelTab := chromedp.NewContext(browserCtx)
	defer cancelTab()
	ctx, cancel := context.WithTimeout(tabCtx, 60*time.Second)
	defer cancel()

	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 800, chromedp.EmulateScale(1)),
		chromedp.Navigate(pageURL),
	); err != nil {
		return nil, err
	}
	// Wait for the fonts, or the CJK text can be measured in a fallback font.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, err
	}
	height, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Math.ceil(document.documentElement.getBoundingClientRect().height)`))
	if err != nil {
		return nil, err
	}
	if height <= 0 {
		return nil, errors.New("the page has no height")
	}
	// The viewport as tall as the page: the screenshot is the whole page, and
	// the boxes of getBoundingClientRect are the boxes in the image.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, int64(height), chromedp.EmulateScale(1))); err != nil {
		return nil, err
	}
	fields, err := chromedp.Run(ctx, chromedp.Evaluate[[]field](measureFields))
	if err != nil {
		return nil, err
	}
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return nil, err
	}
	shot, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		return nil, fmt.Errorf("the screenshot: %w", err)
	}
	if b := shot.Bounds(); b.Dx() != width || b.Dy() != height {
		return nil, fmt.Errorf("the screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), width, height)
	}
	if buf, err = encodePaletted(shot); err != nil {
		return nil, err
	}
	return &drawing{png: buf, width: width, height: height, fields: fields}, nil
}

// sidecar returns the YAML file that describes the image file named name.
func (img *drawing) sidecar(name string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Written by cmd/illustrate from cmd/illustrate/mockups. Boxes are in percent of the image.\n")
	fmt.Fprintf(&b, "image: %s\nwidth: %d\nheight: %d\nfields:\n", name, img.width, img.height)
	if len(img.fields) == 0 {
		b.Truncate(b.Len() - 1)
		b.WriteString(" []\n")
	}
	for _, f := range img.fields {
		fmt.Fprintf(&b, "  - id: %s\n", f.ID)
		fmt.Fprintf(&b, "    label: %s\n", strconv.Quote(f.Label))
		fmt.Fprintf(&b, "    x: %.1f\n", percent(f.X, img.width))
		fmt.Fprintf(&b, "    y: %.1f\n", percent(f.Y, img.height))
		fmt.Fprintf(&b, "    w: %.1f\n", percent(f.W, img.width))
		fmt.Fprintf(&b, "    h: %.1f\n", percent(f.H, img.height))
	}
	return b.Bytes()
}

// percent returns v as a percentage of total, rounded to one decimal.
func percent(v float64, total int) float64 {
	p := math.Round(v/float64(total)*1000) / 10
	if p == 0 {
		p = 0 // not -0, which prints as -0.0
	}
	return p
}
