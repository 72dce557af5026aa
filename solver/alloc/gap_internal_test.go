package alloc

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"fulfil/solver"
)

// enumerateGAP returns the optimum of a tiny GAP by enumerating all m^n
// assignments, or -1 when none is feasible.
func enumerateGAP(in *GAPInput) int64 {
	m, n := len(in.Capacity), len(in.Cost[0])
	best := int64(-1)
	a := make([]int, n)
	load := make([]int64, m)
	var rec func(j int, c int64)
	rec = func(j int, c int64) {
		if best >= 0 && c >= best {
			return
		}
		if j == n {
			best = c
			return
		}
		for i := range m {
			if load[i]+in.Weight[i][j] <= in.Capacity[i] {
				load[i] += in.Weight[i][j]
				a[j] = i
				rec(j+1, c+in.Cost[i][j])
				load[i] -= in.Weight[i][j]
			}
		}
	}
	rec(0, 0)
	return best
}

func randomGAP(r *rand.Rand, m, n int, tight float64) *GAPInput {
	in := &GAPInput{Cost: make([][]int64, m), Weight: make([][]int64, m), Capacity: make([]int64, m)}
	for i := range m {
		in.Cost[i] = make([]int64, n)
		in.Weight[i] = make([]int64, n)
		var sw int64
		for j := range n {
			in.Weight[i][j] = int64(1 + r.IntN(20))
			in.Cost[i][j] = int64(r.IntN(40)) + 25 - in.Weight[i][j]
			sw += in.Weight[i][j]
		}
		in.Capacity[i] = int64(tight * float64(sw) / float64(m))
	}
	return in
}

// SolveGAP against enumeration on tiny random problems: the same optimum
// (or ErrNoAssignment when none exists) and a valid bound.
func TestGAPEnumeration(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	ctx := context.Background()
	solved, none := 0, 0
	for c := range 300 {
		m, n := 2+r.IntN(3), 3+r.IntN(6)
		in := randomGAP(r, m, n, 0.6+r.Float64()*0.5)
		want := enumerateGAP(in)
		for _, exact := range []int64{0, 100000} {
			opt := GAPOptions{Iterations: 300, ExactNodes: exact, Threads: 1, Seed: uint64(c)}
			out, err := SolveGAP(ctx, in, opt)
			if want < 0 {
				if !errors.Is(err, ErrNoAssignment) {
					t.Fatalf("case %d: got %v, want ErrNoAssignment", c, err)
				}
				continue
			}
			if err != nil {
				// The heuristics alone may miss a tight feasible assignment.
				if exact > 0 || !errors.Is(err, ErrNoAssignment) {
					t.Fatalf("case %d (exact %d): %v", c, exact, err)
				}
				continue
			}
			if err := verdict(CheckGAP(in, out)); err != nil {
				t.Fatalf("case %d: %v", c, err)
			}
			if out.LowerBound > want {
				t.Fatalf("case %d: bound %d above the optimum %d", c, out.LowerBound, want)
			}
			if exact > 0 && (out.Cost != want || !out.Optimal) {
				t.Fatalf("case %d: got cost %d (optimal %v), want %d", c, out.Cost, out.Optimal, want)
			}
		}
		if want < 0 {
			none++
		} else {
			solved++
		}
	}
	if solved < 150 || none < 10 {
		t.Errorf("weak sample: %d feasible, %d infeasible", solved, none)
	}
}

func TestGAPDeterministic(t *testing.T) {
	in := randomGAP(rand.New(rand.NewPCG(23, 24)), 8, 60, 0.8)
	opt := GAPOptions{Iterations: 1000, Threads: 2, Seed: 5, TimeLimitS: 60}
	first, err := SolveGAP(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	again, err := SolveGAP(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	if first.Cost != again.Cost || first.LowerBound != again.LowerBound {
		t.Errorf("two runs: cost %d and %d, bound %d and %d", first.Cost, again.Cost, first.LowerBound, again.LowerBound)
	}
}

func TestGAPBadInput(t *testing.T) {
	good := func() *GAPInput {
		return &GAPInput{
			Cost:     [][]int64{{1, 2, 3}, {3, 2, 1}},
			Weight:   [][]int64{{1, 1, 1}, {1, 1, 1}},
			Capacity: []int64{2, 2},
		}
	}
	for _, tc := range []struct {
		name, field string
		edit        func(*GAPInput)
	}{
		{"rows", "weight", func(in *GAPInput) { in.Weight = in.Weight[:1] }},
		{"columns", "cost[1]", func(in *GAPInput) { in.Cost[1] = []int64{1} }},
		{"negative weight", "weight[0][2]", func(in *GAPInput) { in.Weight[0][2] = -4 }},
		{"negative capacity", "capacity[1]", func(in *GAPInput) { in.Capacity[1] = -1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good()
			tc.edit(in)
			_, err := SolveGAP(context.Background(), in, DefaultGAPOptions())
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok || ie.Field() != tc.field {
				t.Errorf("got %v, want an error on %s", err, tc.field)
			}
		})
	}
}
