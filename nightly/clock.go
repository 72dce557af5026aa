package nightly

import (
	"fmt"
	"math"
)

// clock formats seconds after midnight of the delivery day as HH:MM,
// rounded to the minute; the evening before reads "D-1 22:00".
func clock(s float64) string {
	m := int(math.Round(s / 60))
	day := ""
	for m < 0 {
		m += 24 * 60
		day = "D-1 "
	}
	if m >= 24*60 {
		day, m = "D+1 ", m-24*60
	}
	return fmt.Sprintf("%s%02d:%02d", day, m/60, m%60)
}

// minutes formats a duration in seconds as whole minutes, rounded up.
func minutes(s float64) string {
	return fmt.Sprintf("%d min", int(math.Ceil(s/60-1e-9)))
}
