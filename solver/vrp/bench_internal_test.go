package vrp

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// BenchmarkSplit splits a random giant tour of 60 stops.
func BenchmarkSplit(b *testing.B) {
	for _, windows := range []bool{false, true} {
		name := "cvrp"
		if windows {
			name = "vrptw"
		}
		b.Run(name, func(b *testing.B) {
			m := allocModel(b, windows)
			sp := newSplitter(m)
			pen, _ := m.initialPenalties()
			tour := make([]int32, 0, m.ns)
			for i := m.nd; i < m.n; i++ {
				tour = append(tour, int32(i))
			}
			var p plan
			b.ReportAllocs()
			for b.Loop() {
				sp.run(tour, &pen, &p)
			}
		})
	}
}

// BenchmarkLocalSearch educates random 60-stop plans from scratch.
func BenchmarkLocalSearch(b *testing.B) {
	for _, windows := range []bool{false, true} {
		name := "cvrp"
		if windows {
			name = "vrptw"
		}
		b.Run(name, func(b *testing.B) {
			m := allocModel(b, windows)
			opt := DefaultOptions()
			rng := rand.New(rand.NewPCG(1, 1))
			ls := newLocalSearch(m, &opt, m.granular(20), rng)
			sp := newSplitter(m)
			pen, _ := m.initialPenalties()
			ls.pen = pen
			tour := slices.Clone(ls.order)
			var p plan
			b.ReportAllocs()
			for b.Loop() {
				rng.Shuffle(len(tour), func(a, c int) { tour[a], tour[c] = tour[c], tour[a] })
				sp.run(tour, &pen, &p)
				ls.load(&p)
				ls.run()
			}
		})
	}
}
