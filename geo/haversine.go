package geo

import (
	"context"
	"math"
	"runtime"

	"fulfil/solver"
)

// EarthRadiusM is the mean Earth radius in metres (IUGG).
const EarthRadiusM = 6371008.8

// HaversineM returns the great-circle distance in metres between a and b.
func HaversineM(a, b Point) float64 {
	const rad = math.Pi / 180
	lat1, lat2 := a[1]*rad, b[1]*rad
	dLat := lat2 - lat1
	dLng := (b[0] - a[0]) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(s)))
}

// Haversine returns the matrix of great-circle distances in metres between
// pts on GOMAXPROCS goroutines; see HaversineMatrix, which takes a context
// and a thread count.
func Haversine(pts []Point) *Matrix {
	m, err := HaversineMatrix(context.Background(), pts, 0)
	if err != nil {
		panic(err) // a bug in HaversineMatrix: nothing else can fail here
	}
	return m
}

// HaversineMatrix returns the matrix of great-circle distances in metres
// between pts, the same distances as HaversineM. The haversine term equals
// (c/2)² for the chord c between the points' unit vectors, so each pair
// costs a square root and an arcsine, with no trigonometry: the arcsine of
// a short half-chord (below 0.1, about 1,270 km) is its Taylor series,
// whose truncation error is below 1e-13 relatively. Rows are shared out
// over at most threads goroutines (0: GOMAXPROCS), one per 256 rows; the
// result does not depend on threads. The matrix is symmetric to the last
// bit, since the chord is. It returns ctx's error when ctx ends first
// (polled every 64 rows), and a *solver.PanicError if a worker panics.
func HaversineMatrix(ctx context.Context, pts []Point, threads int) (*Matrix, error) {
	const rad = math.Pi / 180
	n := len(pts)
	m := NewMatrix(n)
	xyz := make([]float64, 3*n)
	for i, p := range pts {
		lat, lng := p[1]*rad, p[0]*rad
		xyz[3*i] = math.Cos(lat) * math.Cos(lng)
		xyz[3*i+1] = math.Cos(lat) * math.Sin(lng)
		xyz[3*i+2] = math.Sin(lat)
	}
	rows := func(first, step int) {
		for i := first; i < n; i += step {
			if (i-first)/step%64 == 63 && ctx.Err() != nil {
				return
			}
			xi, yi, zi := xyz[3*i], xyz[3*i+1], xyz[3*i+2]
			row := m.Data[i*n : (i+1)*n]
			for j := range row {
				dx, dy, dz := xi-xyz[3*j], yi-xyz[3*j+1], zi-xyz[3*j+2]
				row[j] = 2 * EarthRadiusM * asinHalfChord(math.Sqrt(dx*dx+dy*dy+dz*dz)/2)
			}
		}
	}
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	w := min(threads, max(1, n/256))
	if w == 1 {
		rows(0, 1)
		return m, ctx.Err()
	}
	// Each goroutine writes whole rows, in order, so the writes stream
	// through memory and the result does not depend on w. Computing both
	// triangles costs twice the arithmetic but beats scattered column writes
	// threefold on a 32 MB matrix.
	var g solver.Group
	for k := range w {
		g.Go(func() { rows(k, w) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// asinHalfChord returns asin(h) for h in [0, 1]: the Taylor series up to h⁹
// below 0.1, math.Asin above.
func asinHalfChord(h float64) float64 {
	if h >= 0.1 {
		return math.Asin(math.Min(1, h))
	}
	h2 := h * h
	return h * (1 + h2*(1.0/6+h2*(3.0/40+h2*(5.0/112+h2*(35.0/1152+h2*(63.0/2816))))))
}
