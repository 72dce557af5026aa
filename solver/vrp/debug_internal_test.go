package vrp

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"
)

func TestDebugLS(t *testing.T) {
	if os.Getenv("VRP_DEBUG") == "" {
		t.Skip()
	}
	in := debugReadX(t, os.Getenv("VRP_DEBUG"))
	m, err := compile(in)
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	nb := m.granular(20)
	rng := rand.New(rand.NewPCG(1, 2))
	ls := newLocalSearch(m, &opt, nb, rng)
	sp := newSplitter(m)
	pen, _ := m.initialPenalties()
	tour := slices.Clone(ls.order)
	var tours [][]int32
	for k := 0; k < 3; k++ {
		rng.Shuffle(len(tour), func(a, b int) { tour[a], tour[b] = tour[b], tour[a] })
		var p plan
		t0 := time.Now()
		sp.run(tour, &pen, &p)
		t1 := time.Now()
		ls.pen = pen
		ls.load(&p)
		before := ls.fullCost()
		ls.run()
		t.Logf("split %v ls %v moves %d cost %.0f -> %.0f", t1.Sub(t0), time.Since(t1), ls.moves, before/scale, ls.fullCost()/scale)
		x := ls.indiv(true)
		tours = append(tours, x.tour)
	}
	child := make([]int32, len(tour))
	used := make([]bool, m.n)
	for k := 0; k < 15; k++ {
		crossoverOX(tours[k%3], tours[(k+1)%3], child, used, rng)
		var p plan
		sp.run(child, &pen, &p)
		t1 := time.Now()
		ls.load(&p)
		m0 := ls.moves
		before := ls.fullCost()
		ls.run()
		t.Logf("child ls %v moves %d cost %.0f -> %.0f", time.Since(t1), ls.moves-m0, before/scale, ls.fullCost()/scale)
	}
}
