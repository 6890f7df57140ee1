package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The targets of issue 18, which the last lines of the report check.
const (
	maxTimeRatio   = 0.5                   // build time of guide over Hugo's, at 1,000 and 5,000
	maxMemoryRatio = 0.25                  // peak memory of guide over Hugo's, at 1,000 and 5,000
	maxScaling     = 1.2                   // time per page at 5,000 over that at 1,000
	maxOwn         = 60 * time.Millisecond // the repository's own guide, start to exit
)

// targetSizes are the sizes the time and memory targets are set at.
var targetSizes = []int{1000, 5000}

func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
}

func mb(kb int64) string { return fmt.Sprintf("%d MB", kb>>10) }

// printOwn prints the builds of the repository's own guide.
func printOwn(guides []tool, own [][2][]result) {
	fmt.Println("The repository's own guide, guide build start to exit (median, fastest and slowest):")
	for j, g := range guides {
		for kind := range 2 {
			rs := own[j][kind]
			lo := slices.MinFunc(rs, func(a, b result) int { return int(a.wall - b.wall) }).wall
			hi := slices.MaxFunc(rs, func(a, b result) int { return int(a.wall - b.wall) }).wall
			m := median(rs)
			fmt.Printf("  %-10s %-7s %6.1f ms (%.1f to %.1f, %d builds), peak RSS %s\n", g.name, kindNames[kind],
				msf(m.wall), msf(lo), msf(hi), len(rs), mb(m.rssKB))
		}
	}
	fmt.Println()
}

func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// printSizes prints the table of the corpus builds: per size and kind,
// Hugo's median time, peak memory and output, and each guide's, with its
// ratios to Hugo's.
func printSizes(guides []tool, sizes []*size) {
	head := fmt.Sprintf("%6s %-7s | %-9s %7s %8s", "N", "build", "Hugo", "RSS", "output")
	for _, g := range guides {
		head += fmt.Sprintf(" | %-9s %7s %8s %5s %5s", g.name, "RSS", "output", "time", "mem")
	}
	fmt.Println(head)
	fmt.Println(strings.Repeat("-", len(head)))
	for kind := range 2 {
		for _, sz := range sizes {
			h := median(sz.runs[kind][len(guides)])
			line := fmt.Sprintf("%6d %-7s | %-9s %7s %5.1f MB", sz.n, kindNames[kind], ms(h.wall), mb(h.rssKB), float64(h.bytes)/(1<<20))
			for j := range guides {
				g := median(sz.runs[kind][j])
				line += fmt.Sprintf(" | %-9s %7s %5.1f MB %5.2f %5.2f", ms(g.wall), mb(g.rssKB), float64(g.bytes)/(1<<20),
					float64(g.wall)/float64(h.wall), float64(g.rssKB)/float64(h.rssKB))
			}
			fmt.Println(line)
		}
	}
	fmt.Println("(time and mem: the guide's median over Hugo's)")
	fmt.Println()
}

// perPage returns guide j's median time per page at size sz, in µs.
func perPage(sz *size, kind, j int) float64 {
	return float64(median(sz.runs[kind][j]).wall.Microseconds()) / float64(2*sz.n)
}

// printScaling prints each guide's time per page at the largest size over
// that at the smallest.
func printScaling(guides []tool, sizes []*size) {
	if len(sizes) < 2 {
		return
	}
	small := slices.MinFunc(sizes, func(a, b *size) int { return a.n - b.n })
	large := slices.MaxFunc(sizes, func(a, b *size) int { return a.n - b.n })
	fmt.Printf("Time per page at %d over that at %d:\n", large.n, small.n)
	for j, g := range guides {
		fmt.Printf("  %-10s", g.name)
		for kind := range 2 {
			a, b := perPage(small, kind, j), perPage(large, kind, j)
			fmt.Printf("  %s %.0f → %.0f µs/page (%.2f)", kindNames[kind], a, b, b/a)
		}
		fmt.Println()
	}
	fmt.Println()
}

// printTargets prints, for each guide, whether each target holds, with
// the figure it was judged by; a target whose sizes were not measured is
// said so.
func printTargets(guides []tool, own [][2][]result, sizes []*size) {
	fmt.Println("Targets of issue 18:")
	bySize := map[int]*size{}
	for _, sz := range sizes {
		bySize[sz.n] = sz
	}
	for j, g := range guides {
		fmt.Printf("  %s\n", g.name)
		for _, n := range targetSizes {
			sz := bySize[n]
			for kind := range 2 {
				label := fmt.Sprintf("time ≤ %.2f of Hugo's, %d pages, %s", maxTimeRatio, n, kindNames[kind])
				if sz == nil {
					verdict(label, "", false, false)
					continue
				}
				r := float64(median(sz.runs[kind][j]).wall) / float64(median(sz.runs[kind][len(guides)]).wall)
				verdict(label, fmt.Sprintf("%.2f", r), true, r <= maxTimeRatio)
			}
		}
		for _, n := range targetSizes {
			sz := bySize[n]
			label := fmt.Sprintf("peak memory ≤ %.2f of Hugo's, %d pages", maxMemoryRatio, n)
			if sz == nil {
				verdict(label, "", false, false)
				continue
			}
			worst := 0.0
			for kind := range 2 {
				worst = max(worst, float64(median(sz.runs[kind][j]).rssKB)/float64(median(sz.runs[kind][len(guides)]).rssKB))
			}
			verdict(label, fmt.Sprintf("%.2f", worst), true, worst <= maxMemoryRatio)
		}
		for kind := range 2 {
			label := fmt.Sprintf("time per page at 5000 ≤ %.1f× that at 1000, %s", maxScaling, kindNames[kind])
			a, b := bySize[1000], bySize[5000]
			if a == nil || b == nil {
				verdict(label, "", false, false)
				continue
			}
			r := perPage(b, kind, j) / perPage(a, kind, j)
			verdict(label, fmt.Sprintf("%.2f", r), true, r <= maxScaling)
		}
		for kind := range 2 {
			m := median(own[j][kind]).wall
			verdict(fmt.Sprintf("own guide < %s start to exit, %s", ms(maxOwn), kindNames[kind]), fmt.Sprintf("%.1f ms", msf(m)), true, m < maxOwn)
		}
	}
}

func verdict(label, figure string, measured, ok bool) {
	switch {
	case !measured:
		fmt.Printf("    %-58s not measured\n", label)
	case ok:
		fmt.Printf("    %-58s yes (%s)\n", label, figure)
	default:
		fmt.Printf("    %-58s NO  (%s)\n", label, figure)
	}
}
