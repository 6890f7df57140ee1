package checker

import (
	"errors"
	"testing"
)

// TestMeasureTooOld checks that a date more than MaxYears years before
// today is refused by both measures, and the day MaxYears years before
// today is not. static/js/checker.js has the same limit; the browser tests
// check that the two agree.
func TestMeasureTooOld(t *testing.T) {
	today := Day{2024, 2, 29}
	tests := []struct {
		date Day
		want error
	}{
		{Day{1, 1, 1}, ErrTooOld},
		{Day{1800, 5, 3}, ErrTooOld},
		{Day{1894, 2, 27}, ErrTooOld},
		{Day{1894, 2, 28}, nil}, // 130 years before a 29 February
		{Day{1950, 1, 1}, nil},
	}
	for _, measure := range []string{MeasureAge, MeasureMonthsAgo} {
		q := &Question{ID: "q", Date: DateInput{Measure: measure}}
		for _, tt := range tests {
			if _, err := q.Measure(tt.date, today); !errors.Is(err, tt.want) {
				t.Errorf("%s: %s on %s: got error %v; want %v", measure, tt.date, today, err, tt.want)
			}
		}
	}
}
