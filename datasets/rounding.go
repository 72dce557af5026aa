package datasets

import (
	"math"
	"strings"

	"fulfil/geo"
)

// RoundingFor returns the rounding CVRPLIB uses for the costs of the
// instance called name: exact for the CMT and Golden sets (names starting
// "CMT" or "Golden_"), truncation to one decimal for Solomon and
// Gehring–Homberger names (such as "R101", "rc2_4_10"), and nint otherwise.
func RoundingFor(name string) geo.Rounding {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".vrp"), ".txt")
	switch {
	case strings.HasPrefix(base, "CMT"), strings.HasPrefix(base, "Golden_"):
		return geo.Exact
	case isSolomonName(base):
		return geo.Trunc1
	}
	return geo.Nint
}

// isSolomonName reports names of the Solomon (C101, RC208) and
// Gehring–Homberger (c1_2_1, RC2_10_4) instances.
func isSolomonName(s string) bool {
	s = strings.ToUpper(s)
	switch {
	case strings.HasPrefix(s, "RC"):
		s = s[2:]
	case strings.HasPrefix(s, "R"), strings.HasPrefix(s, "C"):
		s = s[1:]
	default:
		return false
	}
	if len(s) < 2 || (s[0] != '1' && s[0] != '2') {
		return false
	}
	for _, c := range s[1:] {
		if (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// euclidean fills an n×n row-major matrix of Euclidean distances rounded
// by r. Unlike math.Hypot, Sqrt of the sum of squares is exact whenever the
// distance is an integer (Hypot gives 100.99999999999999 for (20, 99)),
// which truncation to one decimal depends on.
func euclidean(pts []geo.Point, r geo.Rounding) []float64 {
	n := len(pts)
	d := make([]float64, n*n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			dx, dy := pts[i][0]-pts[j][0], pts[i][1]-pts[j][1]
			v := r.Round(math.Sqrt(dx*dx + dy*dy))
			d[i*n+j], d[j*n+i] = v, v
		}
	}
	return d
}
