package hugeheap

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestPlanFor(t *testing.T) {
	linux := Machine{THP: "always [madvise] never\n", Overcommit: "0\n", RAM: 8 << 30}
	with := func(f func(*Machine)) Machine { m := linux; f(&m); return m }
	for _, c := range []struct {
		name  string
		m     Machine
		want  int64
		bytes int64
	}{
		{"madvise mode", linux, 512 << 20, 512 << 20},
		{"always mode", with(func(m *Machine) { m.THP = "[always] madvise never\n" }), 512 << 20, 512 << 20},
		{"rounded down to whole huge pages", linux, 5<<20 + 1, 4 << 20},
		{"a quarter of memory at most", with(func(m *Machine) { m.RAM = 1 << 30 }), 512 << 20, 256 << 20},
		{"memory unknown", with(func(m *Machine) { m.RAM = 0 }), 512 << 20, 512 << 20},
		{"huge pages off", with(func(m *Machine) { m.THP = "always madvise [never]\n" }), 512 << 20, 0},
		{"no huge pages in the kernel", with(func(m *Machine) { m.THP = "" }), 512 << 20, 0},
		{"strict overcommit", with(func(m *Machine) { m.Overcommit = "2\n" }), 512 << 20, 0},
		{"GODEBUG disablethp", with(func(m *Machine) { m.GODEBUG = "gctrace=1,disablethp=1" }), 512 << 20, 0},
		{"GODEBUG disablethp turned back on", with(func(m *Machine) { m.GODEBUG = "disablethp=1,disablethp=0" }), 512 << 20, 512 << 20},
		{"GODEBUG with spaces", with(func(m *Machine) { m.GODEBUG = " gctrace=1 , disablethp=1 " }), 512 << 20, 0},
		{"GODEBUG, another key", with(func(m *Machine) { m.GODEBUG = "xdisablethp=1,disablethpx=1" }), 512 << 20, 512 << 20},
		{"strict overcommit, no newline", with(func(m *Machine) { m.Overcommit = " 2" }), 512 << 20, 0},
		{"address space limited", with(func(m *Machine) { m.AddressLimited = true }), 512 << 20, 0},
		{"tiny machine", with(func(m *Machine) { m.RAM = 4 << 20 }), 512 << 20, 0},
		{"nothing asked", linux, 0, 0},
	} {
		p := PlanFor(c.m, c.want)
		if p.Bytes != c.bytes || (p.Bytes == 0) != (p.Reason != "") {
			t.Errorf("%s: PlanFor = %+v, want %d bytes (and a reason when 0)", c.name, p, c.bytes)
		}
	}
}

var keep [][]byte

// TestReserveBacksTheHeapWithHugePages checks, in /proc/self/smaps, that
// the heap a process grows into after Reserve is backed by huge pages.
// Without Reserve, in the kernel's madvise mode, none of it would be.
func TestReserveBacksTheHeapWithHugePages(t *testing.T) {
	m := readMachine()
	if !strings.Contains(m.THP, "[madvise]") {
		t.Skipf("transparent huge pages are %q: the test needs madvise mode, where only advised memory gets them", strings.TrimSpace(m.THP))
	}
	if p := Reserve(64 << 20); p.Bytes != 64<<20 {
		t.Fatalf("Reserve(64 MiB) = %+v", p)
	}
	// 32 MiB of 1 KiB objects, kept and written to, as a build's heap is.
	for range 32 << 10 {
		b := make([]byte, 1024)
		b[0], b[1023] = 1, 1
		keep = append(keep, b)
	}
	huge := hugeBytesAround(t, uintptr(unsafe.Pointer(&keep[len(keep)/2][0])))
	runtime.KeepAlive(keep)
	if huge < 16<<20 {
		t.Errorf("the heap's mapping has %d KiB in huge pages after 32 MiB of allocations; want at least 16 MiB", huge>>10)
	}
}

// hugeBytesAround returns the AnonHugePages of the mapping holding addr.
func hugeBytesAround(t *testing.T, addr uintptr) int64 {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if lo, hi, ok := strings.Cut(fields[0], "-"); ok && !strings.HasSuffix(fields[0], ":") {
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(addr) >= l && uint64(addr) < h
				continue
			}
		}
		if in && fields[0] == "AnonHugePages:" && len(fields) >= 2 {
			kb, _ := strconv.ParseInt(fields[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatalf("no mapping in /proc/self/smaps holds %#x", addr)
	return 0
}
