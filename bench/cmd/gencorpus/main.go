// Command gencorpus writes the synthetic bilingual corpus of package
// guide/bench/corpus into a content/ folder:
//
//	go run ./cmd/gencorpus -n 1000 -o content [-seed 42] [-clean]
//
// Its flags are those of the Python script it replaces (gencorpus.py),
// and it writes the same files.
package main

import (
	"flag"
	"fmt"
	"os"

	"guide/bench/corpus"
)

func main() {
	n := flag.Int("n", 100, "pages per language")
	out := flag.String("o", "content", "output content folder")
	seed := flag.String("seed", corpus.DefaultSeed, "seed of the random generator")
	clean := flag.Bool("clean", false, "delete the output folder first")
	flag.Parse()
	if *clean {
		if err := os.RemoveAll(*out); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
	st, err := corpus.Generate(*out, *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	pages := max(*n, 1)
	fmt.Fprintf(os.Stderr, "wrote %d files to %s (avg words/page: zh=%d, en=%d)\n", st.Files, *out, st.Words[0]/pages, st.Words[1]/pages)
}
