package vrp

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// A ruin takes from each route it touches one string of consecutive stops,
// or one split string (two runs around a kept part), from at most as many
// routes as SISR draws; recreate serves every stop again; the localized
// local search that follows ends at a plan that a full local search cannot
// improve, and the incremental costs match a recomputation.
func TestMutation(t *testing.T) {
	for _, windows := range []bool{false, true} {
		t.Run(fmt.Sprintf("windows=%v", windows), func(t *testing.T) {
			m := allocModel(t, windows)
			opt := DefaultOptions()
			rng := rand.New(rand.NewPCG(1, 1))
			ls := newLocalSearch(m, &opt, m.granular(20), rng)
			sp := newSplitter(m)
			ls.pen, _ = m.initialPenalties()
			var parent plan
			sp.run(slices.Clone(ls.order), &ls.pen, &parent)
			ls.load(&parent)
			ls.run()
			ls.export(&parent)
			mu := newMutation(m, m.sisrAdjacency(), ls.R)
			for k := range 30 {
				ls.load(&parent)
				ls.settled()
				ls.ruin(mu, rng)
				var ruined plan
				ls.export(&ruined)
				checkRuin(t, k, &parent, &ruined, mu.removed, m.ns)

				ls.recreate(mu, rng)
				for _, i := range ls.order {
					if ls.route[i] < 0 {
						t.Fatalf("mutation %d: stop %d unserved after recreate", k, i)
					}
				}
				ls.runLocalized()
				got := ls.fullCost()
				var q plan
				ls.export(&q)
				if want, _ := m.planCost(&q, &ls.pen); !nearlyEqual(got, want) {
					t.Fatalf("mutation %d: incremental cost %g, recomputed %g", k, got, want)
				}
				ls.run()
				if after := ls.fullCost(); after < got-tol(got) {
					t.Fatalf("mutation %d: a full local search improved the localized one's plan from %g to %g", k, got, after)
				}
			}
		})
	}
}

func nearlyEqual(a, b float64) bool { return a-b < 1e-6*max(1, b) && b-a < 1e-6*max(1, b) }

// checkRuin checks that ruined is parent less the removed stops, that
// each route lost one run of consecutive stops or two around a kept part,
// and that no more routes lost stops than SISR's string count allows.
func checkRuin(t *testing.T, k int, parent, ruined *plan, removed []int32, stops int) {
	t.Helper()
	gone := make(map[int32]bool, len(removed))
	for _, i := range removed {
		if gone[i] {
			t.Fatalf("mutation %d: stop %d removed twice", k, i)
		}
		gone[i] = true
	}
	if len(removed) == 0 {
		t.Fatalf("mutation %d: nothing removed", k)
	}
	served, routes := 0, 0
	for _, nodes := range parent.routes {
		if len(nodes) > 0 {
			served += len(nodes)
			routes++
		}
	}
	lsMax := min(float64(sisrMaxString), float64(served)/float64(routes))
	maxStrings := int(4*float64(sisrMeanRemoved)/(1+lsMax)-1) + 1
	touched := 0
	for r, nodes := range parent.routes {
		var kept []int32
		runs, inRun := 0, false
		for _, i := range nodes {
			if gone[i] {
				if !inRun {
					runs++
				}
				inRun = true
				continue
			}
			inRun = false
			kept = append(kept, i)
		}
		if !slices.Equal(kept, ruined.routes[r]) {
			t.Fatalf("mutation %d: route %d: got %v after the ruin, want %v", k, r, ruined.routes[r], kept)
		}
		if runs > 2 {
			t.Fatalf("mutation %d: route %d lost %d runs of stops, want at most 2", k, r, runs)
		}
		if runs > 0 {
			touched++
		}
	}
	if touched > maxStrings {
		t.Fatalf("mutation %d: %d routes ruined, want at most %d", k, touched, maxStrings)
	}
}

// A mutation chain from a feasible parent returns a feasible child no
// dearer than the parent, and its localized local search leaves a plan
// whose incremental cost matches a recomputation.
func TestMutationChain(t *testing.T) {
	m := allocModel(t, false)
	opt := DefaultOptions()
	rng := rand.New(rand.NewPCG(2, 2))
	w := &worker{
		ls:    newLocalSearch(m, &opt, m.granular(20), rng),
		rng:   rng,
		mut:   newMutation(m, m.sisrAdjacency(), len(m.slotType)),
		steps: 30,
	}
	pen, _ := m.initialPenalties()
	for k := range pen.load {
		pen.load[k] *= 100 // a feasible local optimum to start from
	}
	var p plan
	newSplitter(m).run(slices.Clone(w.ls.order), &pen, &p)
	w.ls.pen = pen
	w.ls.load(&p)
	w.ls.run()
	all, _, _ := w.ls.feasible()
	if !all {
		t.Fatal("the parent is infeasible; the test wants a feasible one")
	}
	parent := w.ls.indiv(true)
	improved := 0
	for k := range 20 {
		w.out = w.out[:0]
		w.mutant(&pen, context.Background(), parent)
		c := w.out[0].inds[0]
		if !c.feasible {
			t.Fatalf("chain %d: infeasible child of a feasible parent", k)
		}
		if c.cost > parent.cost+tol(parent.cost) {
			t.Fatalf("chain %d: child costs %g, parent %g", k, c.cost, parent.cost)
		}
		if want, _ := m.planCost(&c.plan, &pen); !nearlyEqual(c.cost, want) {
			t.Fatalf("chain %d: child's cost %g, recomputed %g", k, c.cost, want)
		}
		if c.cost < parent.cost-tol(parent.cost) {
			improved++
			parent = c
		}
	}
	if improved == 0 {
		t.Error("20 chains of 30 steps never improved a local optimum of 60 stops")
	}
	t.Logf("%d of 20 chains improved", improved)
}
