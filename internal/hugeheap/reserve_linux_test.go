package hugeheap

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// child builds testdata/reserve and runs it with the argument mode; it
// skips the test where huge pages are not in madvise mode.
func child(t *testing.T, mode string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program")
	}
	m := readMachine()
	if !strings.Contains(m.THP, "[madvise]") {
		t.Skipf("transparent huge pages are %q: the test needs madvise mode, where only advised memory gets them", strings.TrimSpace(m.THP))
	}
	bin := filepath.Join(t.TempDir(), "reserve")
	if out, err := exec.Command("go", "build", "-o", bin, "./testdata/reserve").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, mode).CombinedOutput()
	if err != nil {
		t.Fatalf("reserve %s: %v\n%s", mode, err, out)
	}
	return string(out)
}

// TestReserveLeavesNoSmallPages runs "reserve collapse", a process whose
// heap has just entered a new huge page when it reserves, and checks what
// the heap grows into after: huge pages, at a few page faults for 9 MiB of
// objects.
//
// Two things used to leave small pages behind. The huge page holding the
// end of the heap allocated before the advice was in 4 KiB pages, and the
// allocator filled it first: in the guide's build, 160 to 300 faults. And
// the advice ended where the block did, rarely on a huge page's boundary,
// so that the huge page there could not be one either: up to 120 faults.
func TestReserveLeavesNoSmallPages(t *testing.T) {
	if !canCollapse() {
		t.Skip("this kernel has no MADV_COLLAPSE (Linux 6.1)")
	}
	out := child(t, "collapse")
	faults := -1
	for line := range strings.Lines(out) {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "faults":
			faults, _ = strconv.Atoi(f[1])
		case len(f) == 2 && f[0] == "advised":
			lo, hi, _ := strings.Cut(f[1], "-")
			for _, end := range []string{lo, hi} {
				if a, err := strconv.ParseUint(end, 16, 64); err != nil || a%hugePage != 0 {
					t.Errorf("the mapping %s, advised for huge pages, does not start and end on a huge page's boundary: the huge page at %s is in 4 KiB pages", f[1], end)
				}
			}
		}
	}
	if faults < 0 {
		t.Fatalf("reserve collapse printed no count of faults:\n%s", out)
	}
	t.Logf("%d page faults", faults)
	// 9 MiB in 4 KiB pages is 2,300 faults; the rest of the huge page the
	// heap had just entered, left in small pages, about 440. In huge pages,
	// what remains is the runtime's bookkeeping, outside the heap.
	if faults > 200 {
		t.Errorf("9 MiB of objects allocated after Reserve took %d page faults; want at most 200", faults)
	}
}

// TestReserveAgainTouchesNothing runs "reserve again", which reserves twice
// as a build of a large site does, and checks that the second reservation
// does not touch its block. A block placed in the pages the first one freed
// would be zeroed by the runtime, touching every page, making it memory:
// 175 ms for 64 MiB on this virtual machine.
func TestReserveAgainTouchesNothing(t *testing.T) {
	out := child(t, "again")
	v, ok := strings.CutPrefix(strings.TrimSpace(out), "grew ")
	grew, err := strconv.ParseInt(v, 10, 64)
	if !ok || err != nil {
		t.Fatalf("reserve again printed %q, want the growth of its memory", out)
	}
	t.Logf("the second reservation made %d KiB resident", grew>>10)
	if grew > 8<<20 {
		t.Errorf("the second reservation made %d MiB resident; want a few at most: its block was touched", grew>>20)
	}
}

// canCollapse reports whether the kernel knows MADV_COLLAPSE.
func canCollapse() bool {
	b, err := syscall.Mmap(-1, 0, 2*hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return false
	}
	defer syscall.Munmap(b)
	base := uintptr(unsafe.Pointer(&b[0]))
	page := b[-base&(hugePage-1):][:hugePage]
	page[0] = 1
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(unsafe.Pointer(&page[0])), hugePage, madvCollapse)
	return errno != syscall.EINVAL
}
