package datasets

import (
	"math"
	"strings"

	"fulfil/geo"
)

// Rounding says how a benchmark set turns a Euclidean distance into the
// number its published costs are computed with.
type Rounding int

const (
	// RoundNint rounds to the nearest integer, floor(d+0.5): TSPLIB EUC_2D,
	// used by CVRPLIB for the A, B, P and X sets. It is the zero value.
	RoundNint Rounding = iota
	// RoundExact keeps the double-precision distance: CVRPLIB CMT and
	// Golden, and the SINTEF hierarchical VRPTW results.
	RoundExact
	// RoundTrunc1 truncates to one decimal, floor(10d)/10: the CVRPLIB and
	// DIMACS convention for Solomon and Gehring–Homberger, for distances
	// and travel times alike.
	RoundTrunc1
)

func (r Rounding) String() string {
	switch r {
	case RoundNint:
		return "nint"
	case RoundExact:
		return "exact"
	case RoundTrunc1:
		return "trunc1"
	}
	return "unknown"
}

// apply rounds one distance.
func (r Rounding) apply(d float64) float64 {
	switch r {
	case RoundExact:
		return d
	case RoundTrunc1:
		return math.Floor(10*d) / 10
	}
	return math.Floor(d + 0.5)
}

// RoundingFor returns the convention CVRPLIB uses for the costs of the
// instance called name: exact for the CMT and Golden sets (names starting
// "CMT" or "Golden_"), truncation to one decimal for Solomon and
// Gehring–Homberger names (such as "R101", "rc2_4_10"), and nint otherwise.
func RoundingFor(name string) Rounding {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".vrp"), ".txt")
	switch {
	case strings.HasPrefix(base, "CMT"), strings.HasPrefix(base, "Golden_"):
		return RoundExact
	case isSolomonName(base):
		return RoundTrunc1
	}
	return RoundNint
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

// euclidean fills an n×n row-major matrix of rounded Euclidean distances.
func euclidean(pts []geo.Point, r Rounding) []float64 {
	n := len(pts)
	d := make([]float64, n*n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			// Sqrt of the sum, not Hypot: it is exact whenever the distance
			// is an integer, which truncation and nint depend on.
			dx, dy := pts[i][0]-pts[j][0], pts[i][1]-pts[j][1]
			v := r.apply(math.Sqrt(dx*dx + dy*dy))
			d[i*n+j], d[j*n+i] = v, v
		}
	}
	return d
}
