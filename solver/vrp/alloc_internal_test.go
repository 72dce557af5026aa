package vrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"fulfil/geo"
)

// allocModel is a random 60-stop instance with time windows.
func allocModel(t testing.TB, windows bool) *model {
	rng := rand.New(rand.NewPCG(3, 3))
	in := &Input{
		Depots:   []Depot{{ID: "D", Location: geo.Point{50, 50}}},
		Vehicles: []Vehicle{{ID: "v", StartDepot: "D", Capacity: Load{Units: 40}}},
		Travel:   Travel{Metric: "euclidean"},
	}
	for i := range 60 {
		s := Stop{ID: fmt.Sprint(i), Location: geo.Point{rng.Float64() * 100, rng.Float64() * 100}, Demand: Load{Units: 1 + rng.Int64N(9)}, ServiceS: 5}
		if windows {
			a := rng.Float64() * 500
			s.TimeWindows = []TimeWindow{{StartS: a, EndS: a + 100}}
		}
		in.Stops = append(in.Stops, s)
	}
	if err := validate(in); err != nil {
		t.Fatal(err)
	}
	m, err := compile(context.Background(), in, 1)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Split, move evaluation and a local search pass allocate nothing once
// their workspaces exist.
func TestNoAllocInHotLoops(t *testing.T) {
	for _, windows := range []bool{false, true} {
		t.Run(fmt.Sprintf("windows=%v", windows), func(t *testing.T) {
			m := allocModel(t, windows)
			opt := DefaultOptions()
			rng := rand.New(rand.NewPCG(1, 1))
			ls := newLocalSearch(m, &opt, m.granular(20), rng)
			sp := newSplitter(m)
			pen, _ := m.initialPenalties()
			tour := slices.Clone(ls.order)
			var p plan
			sp.run(tour, &pen, &p)
			if a := testing.AllocsPerRun(20, func() { sp.run(tour, &pen, &p) }); a != 0 {
				t.Errorf("split: got %v allocations, want 0", a)
			}
			ls.pen = pen
			ls.load(&p)
			ls.run() // now at a local optimum: further passes only evaluate
			if a := testing.AllocsPerRun(20, func() {
				for _, u := range ls.order {
					for _, v := range ls.nb[u] {
						ls.moveUV(u, v)
					}
				}
			}); a != 0 {
				t.Errorf("move evaluation: got %v allocations, want 0", a)
			}
			if a := testing.AllocsPerRun(5, ls.run); a != 0 {
				t.Errorf("local search pass: got %v allocations, want 0", a)
			}
		})
	}
}
