package checker

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"guide/internal/messages"
)

// Day is a calendar date without a time of day or a time zone, as a reader
// types it and as the reader's browser tells today's date. The checker's
// arithmetic is done on days, in the same way in Go and in
// static/js/checker.js, so that both give the same answer.
type Day struct{ Y, M, D int }

var dayPattern = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// ParseDay parses a date written YYYY-MM-DD, the form that the checker's
// date field shows in its hint. The day must exist in the calendar.
func ParseDay(s string) (Day, error) {
	m := dayPattern.FindStringSubmatch(s)
	if m == nil {
		return Day{}, messages.Errorf("%q is not a date written as YYYY-MM-DD", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return Day{}, messages.Errorf("%q is not a day of the calendar", s)
	}
	return Day{y, mo, d}, nil
}

// DayOf returns the calendar date of t in t's location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, int(m), d}
}

// String formats the day as YYYY-MM-DD.
func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Y, d.M, d.D) }

// Compare returns -1, 0 or +1 as d is before, the same as or after e.
func (d Day) Compare(e Day) int {
	for _, c := range [][2]int{{d.Y, e.Y}, {d.M, e.M}, {d.D, e.D}} {
		switch {
		case c[0] < c[1]:
			return -1
		case c[0] > c[1]:
			return 1
		}
	}
	return 0
}

// AddMonths returns the day n calendar months after d. When that month is
// shorter than d's day, the result is the month's last day: one month after
// 31 January is 28 (or 29) February, and twelve months after 29 February
// 2024 is 28 February 2025. Unlike time.Time.AddDate, it never spills into
// the next month, so that "12 months after the visa expired" is always a day
// of the twelfth month.
func (d Day) AddMonths(n int) Day {
	total := d.Y*12 + (d.M - 1) + n
	y, m := floorDiv(total, 12), total-floorDiv(total, 12)*12+1
	return Day{y, m, min(d.D, daysIn(y, m))}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Age returns the age in completed years on the day today of someone born
// on the day birth: 13 on the day before the 14th birthday, 14 on it. A
// birthday on 29 February falls on 28 February in other years. Age is
// negative when birth is after today.
func Age(birth, today Day) int {
	years := today.Y - birth.Y
	if birth.AddMonths(12*years).Compare(today) > 0 {
		years--
	}
	return years
}

// MonthsAgo returns how many months before today the day d was, a started
// month counting as a whole one: 0 when d is today or later, 12 when d plus
// twelve months (see AddMonths) is today or later but d plus eleven months
// is before today, and so on. So "expired no more than 12 months ago" is
// MonthsAgo(expiry, today) <= 12, which is the same as
// expiry.AddMonths(12) >= today.
func MonthsAgo(d, today Day) int {
	if d.Compare(today) >= 0 {
		return 0
	}
	months := (today.Y-d.Y)*12 + today.M - d.M
	if d.AddMonths(months).Compare(today) < 0 {
		months++
	}
	return months
}
