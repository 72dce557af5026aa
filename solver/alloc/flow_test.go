package alloc

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"testing"
)

// referenceCase is one row of testdata/allocation_cases.csv, a copy of
// ../shared/reference/inventory/allocation_cases.csv.
type referenceCase struct {
	id, problem    string
	input, expectJ string
}

func readReferenceCases(t *testing.T) []referenceCase {
	t.Helper()
	f, err := os.Open("testdata/allocation_cases.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []referenceCase
	for _, r := range rows[1:] {
		out = append(out, referenceCase{id: r[0], problem: r[1], input: r[2], expectJ: r[3]})
	}
	return out
}

func TestReferenceMinCostFlow(t *testing.T) {
	n := 0
	for _, c := range readReferenceCases(t) {
		if c.problem != "min_cost_flow" {
			continue
		}
		n++
		t.Run(c.id, func(t *testing.T) {
			var in struct {
				Tail     []int64 `json:"tail"`
				Head     []int64 `json:"head"`
				Capacity []int64 `json:"capacity"`
				UnitCost []int64 `json:"unit_cost"`
				Supply   []int64 `json:"supply"`
			}
			var want struct {
				OptimalCost int64 `json:"optimal_cost"`
			}
			if err := json.Unmarshal([]byte(c.input), &in); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(c.expectJ), &want); err != nil {
				t.Fatal(err)
			}
			g := NewNetwork(len(in.Supply), len(in.Tail))
			copy(g.Supply, in.Supply)
			for a := range in.Tail {
				g.AddArc(int(in.Tail[a]), int(in.Head[a]), in.Capacity[a], in.UnitCost[a])
			}
			for _, m := range []struct {
				name string
				f    func(context.Context, *Network) (*Flow, error)
			}{{"simplex", NetworkSimplex}, {"ssp", SuccessiveShortestPaths}} {
				f, err := m.f(context.Background(), g)
				if err != nil {
					t.Fatalf("%s: %v", m.name, err)
				}
				if f.Cost != want.OptimalCost {
					t.Errorf("%s: got cost %d, want %d", m.name, f.Cost, want.OptimalCost)
				}
				if err := CertifyOptimal(g, f); err != nil {
					t.Errorf("%s: %v", m.name, err)
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no min_cost_flow case in testdata/allocation_cases.csv")
	}
}

// randomNetwork draws a small network with balanced supplies, some
// unbounded arcs (never with negative cost) and some negative costs.
func randomNetwork(r *rand.Rand, maxN int) *Network {
	n := 2 + r.IntN(maxN-1)
	m := n + r.IntN(4*n)
	g := NewNetwork(n, m)
	for range m {
		t, h := r.IntN(n), r.IntN(n)
		cost := int64(r.IntN(31) - 8)
		capa := int64(r.IntN(12))
		if cost >= 0 && r.IntN(6) == 0 {
			capa = Inf
		}
		g.AddArc(t, h, capa, cost)
	}
	for range 1 + r.IntN(n) {
		u, v := r.IntN(n), r.IntN(n)
		x := int64(r.IntN(7))
		g.Supply[u] += x
		g.Supply[v] -= x
	}
	return g
}

func TestNetworkSimplexMatchesSSP(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	var feasible, infeasible int
	for i := range 6000 {
		maxN := 12
		if i%10 == 0 {
			maxN = 80
		}
		g := randomNetwork(r, maxN)
		f1, err1 := NetworkSimplex(ctx, g)
		f2, err2 := SuccessiveShortestPaths(ctx, g)
		if !errors.Is(err1, err2) {
			t.Fatalf("network %d: simplex error %v, ssp error %v", i, err1, err2)
		}
		if err1 != nil {
			if !errors.Is(err1, ErrInfeasible) {
				t.Fatalf("network %d: %v", i, err1)
			}
			infeasible++
			continue
		}
		feasible++
		if f1.Cost != f2.Cost {
			t.Fatalf("network %d: simplex cost %d, ssp cost %d", i, f1.Cost, f2.Cost)
		}
		if err := CertifyOptimal(g, f1); err != nil {
			t.Fatalf("network %d simplex: %v", i, err)
		}
		if err := CertifyOptimal(g, f2); err != nil {
			t.Fatalf("network %d ssp: %v", i, err)
		}
	}
	if feasible < 1000 || infeasible < 100 {
		t.Errorf("weak sample: %d feasible, %d infeasible networks", feasible, infeasible)
	}
}

// Changing costs and pivoting on from the old basis must reach the same
// optimum as a fresh solve.
func TestNetworkSimplexWarmRestart(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ctx := context.Background()
	checked := 0
	for i := range 2000 {
		g := randomNetwork(r, 20)
		var s netSimplex
		s.init(g)
		if err := s.run(ctx); err != nil {
			continue
		}
		var saved netSimplex
		saved.copyFrom(&s)
		h := &Network{Supply: g.Supply, Tail: g.Tail, Head: g.Head, Cap: g.Cap, Cost: append([]int64(nil), g.Cost...)}
		for a := range h.Cost {
			if r.IntN(3) == 0 && (h.Cap[a] != Inf) {
				h.Cost[a] = int64(r.IntN(41) - 10)
				s.setCost(a, h.Cost[a])
			}
		}
		s.repotential()
		if err := s.run(ctx); err != nil {
			t.Fatalf("network %d: warm run: %v", i, err)
		}
		want, err := SuccessiveShortestPaths(ctx, h)
		if err != nil {
			t.Fatalf("network %d: %v", i, err)
		}
		got := s.result()
		if got.Cost != want.Cost {
			t.Fatalf("network %d: warm cost %d, fresh %d", i, got.Cost, want.Cost)
		}
		if err := CertifyOptimal(h, got); err != nil {
			t.Fatalf("network %d: %v", i, err)
		}
		s.copyFrom(&saved)
		if err := CertifyOptimal(g, s.result()); err != nil {
			t.Fatalf("network %d: restored basis: %v", i, err)
		}
		checked++
	}
	if checked < 500 {
		t.Errorf("only %d feasible networks", checked)
	}
}

func TestNetworkCheck(t *testing.T) {
	ctx := context.Background()
	g := NewNetwork(2, 1)
	g.Supply[0], g.Supply[1] = 3, -2
	g.AddArc(0, 1, 5, 1)
	if _, err := NetworkSimplex(ctx, g); err == nil {
		t.Error("unbalanced supplies: got no error")
	}
	g.Supply[1] = -3
	g.Cap[0] = -1
	if _, err := NetworkSimplex(ctx, g); err == nil {
		t.Error("negative capacity: got no error")
	}
	g.Cap[0] = 2
	if _, err := NetworkSimplex(ctx, g); !errors.Is(err, ErrInfeasible) {
		t.Errorf("got %v, want ErrInfeasible", err)
	}
	g.Cap[0] = 5
	g.AddArc(1, 0, Inf, -1)
	g.AddArc(0, 1, Inf, 0)
	if _, err := NetworkSimplex(ctx, g); !errors.Is(err, ErrUnbounded) {
		t.Errorf("got %v, want ErrUnbounded", err)
	}
}
