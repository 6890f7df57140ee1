package checker

import (
	"testing"
	"time"
)

func day(t *testing.T, s string) Day {
	t.Helper()
	d, err := ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseDay(t *testing.T) {
	for _, s := range []string{"2025-04-08", "2024-02-29", "2000-02-29", "1999-12-31"} {
		d, err := ParseDay(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDay(%q) = %v, %v; want %s", s, d, err, s)
		}
	}
	for _, s := range []string{"", "2025-4-8", "2025-04-31", "2023-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "08/04/2025", "2025-04-08T00:00", " 2025-04-08"} {
		if d, err := ParseDay(s); err == nil {
			t.Errorf("ParseDay(%q) = %v; want an error", s, d)
		}
	}
}

func TestAddMonths(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-04-08", 12, "2025-04-08"},
		{"2025-01-31", 1, "2025-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2025-03-31", -1, "2025-02-28"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2025-12-15", 1, "2026-01-15"},
	} {
		if got := day(t, c.from).AddMonths(c.n).String(); got != c.want {
			t.Errorf("%s + %d months = %s; want %s", c.from, c.n, got, c.want)
		}
	}
}

// TestMonthsAgo checks the boundary of "expired no more than 12 months
// ago": the expiry date plus 12 calendar months is today or later.
func TestMonthsAgo(t *testing.T) {
	for _, c := range []struct {
		date, today string
		want        int
	}{
		{"2025-04-08", "2025-04-08", 0}, // expires today: still valid
		{"2026-01-01", "2025-04-08", 0}, // still valid
		{"2025-04-07", "2025-04-08", 1},
		{"2024-04-08", "2025-04-08", 12}, // exactly 12 months ago
		{"2024-04-07", "2025-04-08", 13}, // 12 months and a day
		{"2024-04-09", "2025-04-08", 12},
		{"2024-05-08", "2025-04-08", 11},
		{"2024-02-29", "2025-02-28", 12}, // 12 months after 29 February
		{"2024-02-29", "2025-03-01", 13},
		{"2024-03-31", "2025-02-28", 11},
		{"2024-01-31", "2024-02-29", 1},
		{"2024-01-31", "2024-03-01", 2},
	} {
		if got := MonthsAgo(day(t, c.date), day(t, c.today)); got != c.want {
			t.Errorf("MonthsAgo(%s) on %s = %d; want %d", c.date, c.today, got, c.want)
		}
		// The definition the docs give.
		within := day(t, c.date).AddMonths(12).Compare(day(t, c.today)) >= 0
		if got := MonthsAgo(day(t, c.date), day(t, c.today)) <= 12; got != within {
			t.Errorf("MonthsAgo(%s) on %s <= 12 is %v, but date + 12 months >= today is %v", c.date, c.today, got, within)
		}
	}
}

func TestAge(t *testing.T) {
	for _, c := range []struct {
		birth, today string
		want         int
	}{
		{"2011-04-08", "2025-04-08", 14}, // the 14th birthday
		{"2011-04-09", "2025-04-08", 13}, // the day before it
		{"1945-04-08", "2025-04-08", 80}, // the 80th birthday
		{"1945-04-09", "2025-04-08", 79},
		{"1946-04-08", "2025-04-08", 79},
		{"2008-02-29", "2022-02-28", 14}, // born on 29 February
		{"2008-02-29", "2022-02-27", 13},
		{"2008-02-29", "2024-02-29", 16},
		{"2025-04-08", "2025-04-08", 0},
		{"2025-04-09", "2025-04-08", -1},
	} {
		if got := Age(day(t, c.birth), day(t, c.today)); got != c.want {
			t.Errorf("Age(%s) on %s = %d; want %d", c.birth, c.today, got, c.want)
		}
	}
}

// TestMonthsAgoMatchesDefinition compares MonthsAgo with its definition,
// the smallest number of months that, added to the date, reaches today,
// over three years of dates around two leap days.
func TestMonthsAgoMatchesDefinition(t *testing.T) {
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	today := Day{2025, 3, 1}
	for i := 0; i < 3*366; i++ {
		d := DayOf(start.AddDate(0, 0, i))
		want := 0
		for d.AddMonths(want).Compare(today) < 0 {
			want++
		}
		if got := MonthsAgo(d, today); got != want {
			t.Fatalf("MonthsAgo(%s) on %s = %d; want %d", d, today, got, want)
		}
	}
}
