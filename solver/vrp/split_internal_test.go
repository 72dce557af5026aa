package vrp

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The O(n) split finds the same optimum as an exhaustive O(n²) Bellman
// over all cuts on random tours, under random penalties.
func TestLinearSplitMatchesBellman(t *testing.T) {
	m := allocModel(t, false)
	sp := newSplitter(m)
	if !sp.linear {
		t.Fatal("linear split should apply to a plain CVRP")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	tour := make([]int32, 0, m.ns)
	for i := m.nd; i < m.n; i++ {
		tour = append(tour, int32(i))
	}
	t0 := &m.types[0]
	for trial := range 50 {
		rng.Shuffle(len(tour), func(a, b int) { tour[a], tour[b] = tour[b], tour[a] })
		var pen penalties
		pen.load[0] = math.Pow(10, rng.Float64()*6)
		n := len(tour)
		ref := make([]float64, n+1)
		for i := range ref {
			ref[i] = math.Inf(1)
		}
		ref[0] = 0
		for i := range n {
			for j := i + 1; j <= n; j++ {
				sg := m.evalRoute(tour[i:j], t0)
				c, _ := m.routeCost(&sg, t0, &pen)
				ref[j] = min(ref[j], ref[i]+c)
			}
		}
		pot := make([]float64, n+1)
		pred := make([]int32, n+1)
		sp.linearSplit(tour, &pen, pot, pred)
		if math.Abs(pot[n]-ref[n]) > 1e-6*max(1, ref[n]) {
			t.Fatalf("trial %d: got %g, want %g", trial, pot[n], ref[n])
		}
	}
}
