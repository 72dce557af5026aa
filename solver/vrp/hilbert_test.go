package vrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"fulfil/geo"
)

// The Hilbert index numbers every cell of a grid once, and consecutive
// numbers are edge-adjacent cells: the locality dist32's layout relies on.
func TestHilbertIndexVisitsNeighbours(t *testing.T) {
	for _, side := range []uint32{2, 4, 16, 64} {
		t.Run(fmt.Sprintf("side=%d", side), func(t *testing.T) {
			cell := make([][2]uint32, side*side)
			seen := make([]bool, side*side)
			for x := range side {
				for y := range side {
					d := hilbertIndex(x, y, side)
					if d >= uint64(side*side) || seen[d] {
						t.Fatalf("got index %d for (%d, %d), want a new one below %d", d, x, y, side*side)
					}
					seen[d] = true
					cell[d] = [2]uint32{x, y}
				}
			}
			for d := 1; d < len(cell); d++ {
				a, b := cell[d-1], cell[d]
				dx, dy := int(a[0])-int(b[0]), int(a[1])-int(b[1])
				if dx*dx+dy*dy != 1 {
					t.Fatalf("got cells %v and %v at indices %d and %d, want neighbours", a, b, d-1, d)
				}
			}
		})
	}
}

// The renumbered int32 matrix holds the model's distances: every pair of
// nodes, and the "nowhere" row and column of open ends, read through
// m.rank give dist[0].
func TestDist32MatchesDist(t *testing.T) {
	m := allocModel(t, false)
	if m.dist32 == nil || m.rank == nil {
		t.Fatal("got no int32 matrix, want one for a single small profile")
	}
	n := m.n + 1
	seen := make([]bool, n)
	for i := range n {
		r := m.rank[i]
		if r < 0 || int(r) >= n || seen[r] {
			t.Fatalf("got rank %d for node %d, want a permutation of 0..%d", r, i, n-1)
		}
		seen[r] = true
	}
	for i := range n {
		for j := range n {
			got := int64(m.dist32[int(m.rank[i])*n+int(m.rank[j])])
			if want := m.dist[0][i*n+j]; got != want {
				t.Fatalf("got d(%d, %d) = %d, want %d", i, j, got, want)
			}
		}
	}
}

// With durations that differ from the distances and time windows, the
// durations get the same renumbered int32 layout, and hold the model's.
func TestDur32MatchesDur(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	const n = 12
	dist, dur := make([][]float64, n), make([][]float64, n)
	for i := range n {
		dist[i], dur[i] = make([]float64, n), make([]float64, n)
		for j := range n {
			if i != j {
				dist[i][j] = float64(100 + rng.IntN(900))
				dur[i][j] = float64(10 + rng.IntN(90))
			}
		}
	}
	idx := func(i int) *int { return &i }
	in := &Input{
		Depots:   []Depot{{ID: "D", Location: geo.Point{0, 0}, MatrixIndex: idx(0)}},
		Vehicles: []Vehicle{{ID: "v", StartDepot: "D", Capacity: Load{Units: 40}}},
		Profiles: []Profile{{ID: "road", DistanceM: dist, DurationS: dur}},
	}
	for i := 1; i < n; i++ {
		in.Stops = append(in.Stops, Stop{ID: fmt.Sprint(i), Location: geo.Point{rng.Float64(), rng.Float64()}, MatrixIndex: idx(i),
			Demand: Load{Units: 1}, TimeWindows: []TimeWindow{{StartS: 0, EndS: 1000}}})
	}
	m, err := compile(context.Background(), in, 1)
	if err != nil {
		t.Fatal(err)
	}
	if m.dur32 == nil || m.durIsDist {
		t.Fatalf("got dur32 %v, durIsDist %v; want a renumbered duration matrix", m.dur32 != nil, m.durIsDist)
	}
	s := m.n + 1
	for i := range s {
		for j := range s {
			if got, want := int64(m.dur32[int(m.rank[i])*s+int(m.rank[j])]), m.dur[0][i*s+j]; got != want {
				t.Fatalf("got t(%d, %d) = %d, want %d", i, j, got, want)
			}
		}
	}
}
