package geo

import "math"

// Rounding is how a planar distance is rounded, following the benchmark
// sets' conventions.
type Rounding int

const (
	// Exact keeps the Euclidean distance unrounded (CMT, Golden).
	Exact Rounding = iota
	// Nint rounds to the nearest integer, TSPLIB's EUC_2D (CVRPLIB X, A, B, P).
	Nint
	// Trunc1 truncates to one decimal, floor(10·d)/10 (Solomon and
	// Gehring–Homberger under the CVRPLIB/DIMACS convention).
	Trunc1
)

// Round applies r to the distance d.
func (r Rounding) Round(d float64) float64 {
	switch r {
	case Nint:
		return math.Floor(d + 0.5)
	case Trunc1:
		return math.Floor(10*d) / 10
	}
	return d
}

// String names the rounding as the CLI and reports do.
func (r Rounding) String() string {
	switch r {
	case Nint:
		return "nint"
	case Trunc1:
		return "trunc1"
	}
	return "exact"
}

// Euclidean returns the planar distance matrix of pts, rounded by r.
// It costs O(n²) time and one allocation. The distance is the correctly
// rounded square root of dx²+dy², as the benchmark sets compute it: Hypot
// is not exact on whole distances (it gives 100.99999999999999 for
// (20, 99)), which one-decimal truncation would turn into 100.9.
func Euclidean(pts []Point, r Rounding) *Matrix {
	n := len(pts)
	m := NewMatrix(n)
	for i := range n {
		pi := pts[i]
		row := m.Data[i*n : (i+1)*n]
		for j := i + 1; j < n; j++ {
			dx, dy := pi[0]-pts[j][0], pi[1]-pts[j][1]
			d := r.Round(math.Sqrt(dx*dx + dy*dy))
			row[j] = d
			m.Data[j*n+i] = d
		}
	}
	return m
}
