package walkthrough

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/image/draw"

	"guide/internal/content"
	"guide/internal/messages"
)

// DefaultWidths are the widths, in pixels, of the smaller copies made of
// every raster image, for phones at one, two and three device pixels per
// CSS pixel. An image is never enlarged: only the widths up to 90% of its
// own are made (1,080 of a 1,200 px illustration), and only the copies
// that save bytes are published (see worthIt).
var DefaultWidths = []int{360, 720, 1080}

// Limits of what an image may be. A screenshot is a few hundred kilobytes;
// anything far beyond is a mistake, and decoding it could exhaust memory.
const (
	MaxImageBytes  = 20 << 20
	MaxImagePixels = 40_000_000
)

// maxCopyRatio is the widest copy made, as a share of the image's width.
const maxCopyRatio = 0.9

// cacheVersion names the way resized copies are made. Change it when the
// resampling filter or the encoding changes, so that old copies in the
// cache are not used.
const cacheVersion = "catmullrom-2-palette"

// Image is a processed image.
type Image struct {
	// Path is the image's path under content/, where it is published as
	// it is.
	Path string
	// Width and Height are its size in pixels, and Bytes the size of
	// its file.
	Width, Height int
	Bytes         int
	// Variants are the smaller copies, narrowest first.
	Variants []Variant
}

// Variant is a smaller copy of an image.
type Variant struct {
	// Path is where it is published, below the site's root:
	// "booking/delivery-720w.png".
	Path          string
	Width, Height int
	data          []byte
}

// Stats count the work of one run of the image processing.
type Stats struct {
	// Images counts the images read, and Variants the smaller copies
	// published.
	Images, Variants int
	// Resized counts the copies made, and Cached those read from the cache
	// instead.
	Resized, Cached int
	// Decoded counts the raster images decoded in full.
	Decoded int
}

// processor reads, checks and resizes images, on all cores.
type processor struct {
	fsys fs.FS // the content/ folder
	// read, when set, reads the images instead of fsys (the site's
	// ReadContentFile, so that the build copies them from memory).
	read     func(p string, limit int64) ([]byte, error)
	cacheDir string
	widths   []int

	resized, cached, decoded atomic.Int64
}

// process reads the images at paths (under content/) in parallel. It
// returns the images by path, and the problems by path.
func (pr *processor) process(paths []string) (map[string]*Image, map[string]error) {
	images := make([]*Image, len(paths))
	errs := make([]error, len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(paths))) {
		wg.Go(func() {
			for i := range jobs {
				images[i], errs[i] = pr.one(paths[i])
			}
		})
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	out := map[string]*Image{}
	bad := map[string]error{}
	for i, p := range paths {
		if errs[i] != nil {
			bad[p] = errs[i]
			continue
		}
		out[p] = images[i]
	}
	return out, bad
}

// one reads and processes one image.
func (pr *processor) one(p string) (*Image, error) {
	data, err := pr.readImage(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, messages.Errorf("there is no file content/%s", p)
		}
		return nil, messages.Errorf("content/%s cannot be read: %v", p, unwrapPathError(err))
	}
	switch ext := strings.ToLower(path.Ext(p)); ext {
	case ".svg":
		w, h, err := svgSize(data)
		if err != nil {
			return nil, messages.Errorf("content/%s is not a usable SVG image: %v", p, err)
		}
		return &Image{Path: p, Width: w, Height: h, Bytes: len(data)}, nil
	case ".png", ".jpg", ".jpeg":
		return pr.raster(p, data)
	default:
		return nil, messages.Errorf("content/%s: a frame's image must be a PNG, JPEG or SVG file, not %s", p, ext)
	}
}

// raster checks a PNG or JPEG image and makes its smaller copies, reading
// them from the cache when it has them.
func (pr *processor) raster(p string, data []byte) (*Image, error) {
	format := "png"
	if ext := strings.ToLower(path.Ext(p)); ext != ".png" {
		format = "jpeg"
	}
	cfg, got, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, messages.Errorf("content/%s is not a valid %s image: %v", p, strings.ToUpper(format), err)
	}
	if got != format {
		return nil, messages.Errorf("content/%s is a %s image with the name of a %s image; save it as %s", p, strings.ToUpper(got), strings.ToUpper(format), strings.ToUpper(format))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxImagePixels {
		return nil, messages.Errorf("content/%s is %d×%d pixels; an image must have at most %d million pixels", p, cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	img := &Image{Path: p, Width: cfg.Width, Height: cfg.Height, Bytes: len(data)}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])

	// A cache entry exists only for an image that decoded in full, so an
	// image is decoded whenever one of its entries is missing: a corrupt
	// image is found even when it needs no smaller copies.
	var src image.Image
	decode := func() error {
		if src != nil {
			return nil
		}
		var err error
		if format == "png" {
			src, err = png.Decode(bytes.NewReader(data))
		} else {
			src, err = jpeg.Decode(bytes.NewReader(data))
		}
		pr.decoded.Add(1)
		if err != nil {
			return messages.Errorf("content/%s is not a valid %s image: %v", p, strings.ToUpper(format), err)
		}
		return nil
	}
	if !pr.cacheHas(key + ".ok") {
		if err := decode(); err != nil {
			return nil, err
		}
		pr.cachePut(key+".ok", nil)
	}
	base := strings.TrimSuffix(p, path.Ext(p))
	ext := path.Ext(p)
	for _, w := range pr.widths {
		// A copy nearly as wide as the image saves too little to be worth
		// a file: resampled, it would most likely be larger (see worthIt).
		if float64(w) > maxCopyRatio*float64(cfg.Width) {
			continue
		}
		h := max(1, int(math.Round(float64(cfg.Height)*float64(w)/float64(cfg.Width))))
		v := Variant{Path: base + "-" + strconv.Itoa(w) + "w" + ext, Width: w, Height: h}
		entry := fmt.Sprintf("%s-%s-%dx%d%s", key, cacheVersion, w, h, ext)
		if b, ok := pr.cacheGet(entry); ok {
			v.data = b
			pr.cached.Add(1)
		} else {
			if err := decode(); err != nil {
				return nil, err
			}
			b, err := resize(src, w, h, format)
			if err != nil {
				return nil, messages.Errorf("content/%s cannot be resized: %v", p, err)
			}
			v.data = b
			pr.resized.Add(1)
			pr.cachePut(entry, b)
		}
		img.Variants = append(img.Variants, v)
	}
	img.Variants = worthIt(img.Variants, len(data))
	return img, nil
}

// worthIt keeps the copies that are at least a tenth smaller in bytes than
// the next wider image kept, the image itself included. A resampled
// screenshot has more colours than the original and compresses worse, so
// that a copy a little narrower than the original can be larger than it:
// a browser that wants that width is better served the original.
func worthIt(vs []Variant, size int) []Variant {
	var keep []Variant
	for i := len(vs) - 1; i >= 0; i-- {
		if len(vs[i].data)*10 <= size*9 {
			keep = append(keep, vs[i])
			size = len(vs[i].data)
		}
	}
	slices.Reverse(keep)
	return keep
}

// resize scales src to w×h pixels with the Catmull-Rom filter, which keeps
// the edges of text sharp, and encodes it in format. The copy of a PNG
// image with a palette (an illustration drawn by cmd/illustrate) is drawn
// in the same palette, each pixel in its nearest colour: resampling mixes
// new colours that would make the copy a full-colour PNG several times its
// size.
func resize(src image.Image, w, h int, format string) ([]byte, error) {
	// Premultiplied RGBA is the fast path of package draw; the PNG encoder
	// writes it with its transparency.
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var out image.Image = dst
	if p, ok := src.(*image.Paletted); ok {
		out = toPalette(dst, p.Palette)
	}
	var b bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&b, out, &jpeg.Options{Quality: 88})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, out)
	}
	return b.Bytes(), err
}

// toPalette draws img in the colours of pal, each pixel in the nearest
// one, without dithering, so that flat areas stay flat.
func toPalette(img *image.RGBA, pal color.Palette) *image.Paletted {
	out := image.NewPaletted(img.Bounds(), pal)
	index := map[color.RGBA]uint8{}
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			c := img.RGBAAt(x, y)
			i, ok := index[c]
			if !ok {
				i = uint8(pal.Index(c))
				index[c] = i
			}
			out.Pix[y*out.Stride+x] = i
		}
	}
	return out
}

// cacheHas, cacheGet and cachePut use the cache folder. The cache is only
// a shortcut: when it cannot be read or written the images are resized
// again, and nothing is reported.
func (pr *processor) cacheHas(name string) bool {
	if pr.cacheDir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(pr.cacheDir, name))
	return err == nil
}

func (pr *processor) cacheGet(name string) ([]byte, bool) {
	if pr.cacheDir == "" {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(pr.cacheDir, name))
	return b, err == nil && len(b) > 0
}

// cachePut writes a cache entry beside its final name first and renames
// it, so that another build running at the same time never reads half an
// entry.
func (pr *processor) cachePut(name string, data []byte) {
	if pr.cacheDir == "" {
		return
	}
	if err := os.MkdirAll(pr.cacheDir, 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(pr.cacheDir, ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(pr.cacheDir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// readImage reads an image: through the site when the processor has its
// reader, so that the build copies the image without reading it again.
func (pr *processor) readImage(p string) ([]byte, error) {
	if pr.read == nil {
		return readLimited(pr.fsys, p, MaxImageBytes)
	}
	data, err := pr.read(p, MaxImageBytes)
	return data, tooLarge(err, MaxImageBytes)
}

// readLimited reads a file of fsys, refusing one larger than limit.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	data, err := content.ReadFile(fsys, name, limit)
	return data, tooLarge(err, limit)
}

// tooLarge words content.ErrTooLarge for the messages of this package.
func tooLarge(err error, limit int64) error {
	if errors.Is(err, content.ErrTooLarge) {
		return messages.Errorf("it is larger than %d MiB", limit>>20)
	}
	return err
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// svgSize reads the size of an SVG image from the width and height of its
// root element, or else from its viewBox. It refuses SVG that could run a
// script when it is opened on its own.
func svgSize(data []byte) (w, h int, err error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var root *xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, messages.Errorf("it is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == nil {
			if se.Name.Local != "svg" {
				return 0, 0, messages.Errorf("its root element is <%s>, not <svg>", se.Name.Local)
			}
			root = &se
		}
		if n := strings.ToLower(se.Name.Local); n == "script" || n == "foreignobject" {
			return 0, 0, messages.Errorf("it contains <%s>, which the guide does not publish", se.Name.Local)
		}
		for _, a := range se.Attr {
			if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
				return 0, 0, messages.Errorf("it has the event attribute %s, which the guide does not publish", a.Name.Local)
			}
		}
	}
	if root == nil {
		return 0, 0, messages.Errorf("it has no <svg> element")
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	fw, okW := svgLength(attr["width"])
	fh, okH := svgLength(attr["height"])
	if !okW || !okH {
		f := strings.FieldsFunc(attr["viewBox"], func(r rune) bool { return r == ' ' || r == ',' })
		var vb []float64
		for _, s := range f {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				break
			}
			vb = append(vb, v)
		}
		if len(vb) != 4 || vb[2] <= 0 || vb[3] <= 0 {
			return 0, 0, messages.Errorf("its <svg> element has neither a width and height in pixels nor a viewBox")
		}
		fw, fh = vb[2], vb[3]
	}
	return max(1, int(math.Round(fw))), max(1, int(math.Round(fh))), nil
}

// svgLength parses a length in pixels: "640" or "640px".
func svgLength(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && v > 0 && !math.IsInf(v, 0)
}

// srcset formats the image's copies and the image itself for a srcset
// attribute; addr turns a path below the site's root into the address to
// publish. In a srcset, spaces and commas separate the candidates, so addr
// must percent-encode the file names: "screen shot, 1.png" is
// "screen%20shot%2C%201.png" (see escapePath).
func (img *Image) srcset(addr func(string) string) string {
	if len(img.Variants) == 0 {
		return ""
	}
	var parts []string
	for _, v := range img.Variants {
		parts = append(parts, addr(v.Path)+" "+strconv.Itoa(v.Width)+"w")
	}
	parts = append(parts, addr(img.Path)+" "+strconv.Itoa(img.Width)+"w")
	return strings.Join(parts, ", ")
}

// escapePath percent-encodes each segment of a slash-separated path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// sameShape reports whether two images have the same proportions, within
// one percent, so that callouts placed on one fit the other.
func sameShape(a, b *Image) bool {
	ra := float64(a.Width) / float64(a.Height)
	rb := float64(b.Width) / float64(b.Height)
	return math.Abs(ra-rb)/ra <= 0.01
}
