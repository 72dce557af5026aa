package alloc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"fulfil/geo"
	"fulfil/solver"
)

func TestReferenceAllocation(t *testing.T) {
	n := 0
	for _, c := range readReferenceCases(t) {
		if c.id != "alloc-tiny-unmet" {
			continue
		}
		n++
		var raw struct {
			Stock        map[string]int64            `json:"stock"`
			Demand       map[string]int64            `json:"demand"`
			Cost         map[string]map[string]int64 `json:"cost"`
			UnmetPenalty int64                       `json:"unmet_penalty"`
		}
		var want struct {
			OptimalCost int64 `json:"optimal_cost"`
			UnmetTotal  int64 `json:"unmet_total"`
		}
		if err := json.Unmarshal([]byte(c.input), &raw); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(c.expectJ), &want); err != nil {
			t.Fatal(err)
		}
		ws, ps := sortedKeys(raw.Stock), sortedKeys(raw.Demand)
		in := &Input{SKUs: []SKU{{ID: "s"}}}
		for _, w := range ws {
			in.Warehouses = append(in.Warehouses, Warehouse{ID: w})
			in.Stock = append(in.Stock, Stock{Warehouse: w, SKU: "s", Units: raw.Stock[w]})
			row := make([]int64, len(ps))
			for j, p := range ps {
				row[j] = raw.Cost[w][p]
			}
			in.CostPerUnit = append(in.CostPerUnit, row)
		}
		for _, p := range ps {
			in.PickupPoints = append(in.PickupPoints, PickupPoint{ID: p})
			in.Demand = append(in.Demand, Demand{PickupPoint: p, SKU: "s", Units: raw.Demand[p]})
		}
		opt := Options{UnmetPenalty: raw.UnmetPenalty}
		out, err := Allocate(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		if out.Cost != want.OptimalCost || out.UnmetUnits != want.UnmetTotal {
			t.Errorf("%s: got cost %d unmet %d, want %d and %d", c.id, out.Cost, out.UnmetUnits, want.OptimalCost, want.UnmetTotal)
		}
		if out.Bound != out.Cost || len(out.Splits) > len(ws)-1 {
			t.Errorf("%s: bound %d, %d splits", c.id, out.Bound, len(out.Splits))
		}
		if err := verdict(Check(in, opt, out)); err != nil {
			t.Error(err)
		}
	}
	if n != 1 {
		t.Fatal("case alloc-tiny-unmet missing from testdata/allocation_cases.csv")
	}
}

func sortedKeys(m map[string]int64) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// randomInput draws a small allocation problem.
func randomInput(r *rand.Rand, nw, np, nk int, maxUnits int) *Input {
	in := &Input{}
	for w := range nw {
		in.Warehouses = append(in.Warehouses, Warehouse{ID: fmt.Sprintf("W%d", w)})
	}
	for p := range np {
		pt := PickupPoint{ID: fmt.Sprintf("P%d", p)}
		if r.IntN(2) == 0 {
			pt.Home = in.Warehouses[r.IntN(nw)].ID
		}
		if r.IntN(3) == 0 {
			pt.UnmetPenalty = int64(20 + r.IntN(60))
		}
		in.PickupPoints = append(in.PickupPoints, pt)
	}
	for range nw {
		row := make([]int64, np)
		for p := range row {
			row[p] = int64(r.IntN(30))
		}
		in.CostPerUnit = append(in.CostPerUnit, row)
	}
	for k := range nk {
		id := fmt.Sprintf("S%d", k)
		in.SKUs = append(in.SKUs, SKU{ID: id})
		for w := range nw {
			if r.IntN(5) > 0 {
				u := int64(r.IntN(maxUnits + 1))
				in.Stock = append(in.Stock, Stock{Warehouse: in.Warehouses[w].ID, SKU: id, Units: u, SafetyUnits: int64(r.IntN(int(u) + 1))})
			}
		}
		for p := range np {
			if r.IntN(4) > 0 {
				in.Demand = append(in.Demand, Demand{PickupPoint: in.PickupPoints[p].ID, SKU: id, Units: int64(r.IntN(maxUnits + 1))})
			}
		}
	}
	return in
}

// bruteForce enumerates every integer allocation of a tiny input and
// returns the least objective, split penalties included.
func bruteForce(in *Input, opt Options) int64 {
	best := int64(0)
	for _, sku := range in.SKUs {
		var lines []Demand
		for _, d := range in.Demand {
			if d.SKU == sku.ID && d.Units > 0 {
				lines = append(lines, d)
			}
		}
		left := map[string]int64{}
		safe := map[string]int64{}
		for _, s := range in.Stock {
			if s.SKU == sku.ID {
				left[s.Warehouse] = s.Units
				safe[s.Warehouse] = s.SafetyUnits
				if opt.HoldSafety {
					left[s.Warehouse] -= s.SafetyUnits
					safe[s.Warehouse] = 0
				}
			}
		}
		in0 := &Input{Warehouses: in.Warehouses, PickupPoints: in.PickupPoints, CostPerUnit: in.CostPerUnit}
		bestK := int64(1) << 62
		var rec func(j int, acc int64)
		rec = func(j int, acc int64) {
			if acc >= bestK {
				return
			}
			if j == len(lines) {
				c := acc
				for w, l := range left {
					if l < safe[w] {
						c += (safe[w] - l) * opt.SafetyPenalty
					}
				}
				bestK = min(bestK, c)
				return
			}
			d := lines[j]
			p := slices.IndexFunc(in.PickupPoints, func(x PickupPoint) bool { return x.ID == d.PickupPoint })
			var ws []int
			for w := range in.Warehouses {
				if _, ok := left[in.Warehouses[w].ID]; ok && allowedRef(in0, opt, w, p) {
					ws = append(ws, w)
				}
			}
			pen := in.PickupPoints[p].UnmetPenalty
			if pen == 0 {
				pen = opt.UnmetPenalty
			}
			amt := make([]int64, len(ws))
			var dist func(i int, rest int64, c int64, used int)
			dist = func(i int, rest int64, c int64, used int) {
				if i == len(ws) {
					if used > 1 {
						c += opt.SplitPenalty
					}
					rec(j+1, c+rest*pen)
					return
				}
				id := in.Warehouses[ws[i]].ID
				for x := int64(0); x <= min(rest, left[id]); x++ {
					amt[i] = x
					left[id] -= x
					u := 0
					if x > 0 {
						u = 1
					}
					uc := in.CostPerUnit[ws[i]][p]
					if h := in.PickupPoints[p].Home; h != "" && h != id {
						uc += opt.NonHomePenalty
					}
					dist(i+1, rest-x, c+x*uc, used+u)
					left[id] += x
				}
			}
			dist(0, d.Units, acc, 0)
		}
		rec(0, 0)
		best += bestK
	}
	return best
}

func allowedRef(in *Input, opt Options, w, p int) bool {
	if opt.Nearest == 0 || opt.Nearest >= len(in.Warehouses) || in.PickupPoints[p].Home == in.Warehouses[w].ID {
		return true
	}
	rank := 0
	for v := range in.Warehouses {
		if c := in.CostPerUnit[v][p]; c < in.CostPerUnit[w][p] || (c == in.CostPerUnit[w][p] && v < w) {
			rank++
		}
	}
	return rank < opt.Nearest
}

// randomCase is a small random input for brute force, with random
// options; split penalties only when split.
func randomCase(r *rand.Rand, split bool) (*Input, Options) {
	in := randomInput(r, 2+r.IntN(2), 1+r.IntN(3), 1+r.IntN(2), 4)
	opt := Options{
		Nearest:        r.IntN(3),
		NonHomePenalty: int64(r.IntN(10)),
		UnmetPenalty:   int64(40 + r.IntN(40)),
		SafetyPenalty:  int64(r.IntN(2) * r.IntN(15)),
		HoldSafety:     r.IntN(4) == 0,
		Threads:        1 + r.IntN(2),
	}
	if split {
		opt.SplitPenalty = int64(r.IntN(2) * r.IntN(40))
	}
	return in, opt
}

func TestAllocateBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ctx := context.Background()
	exactWithSplits, penalised := 0, 0
	const cases = 300
	for i := range cases {
		in, opt := randomCase(r, true)
		out, err := Allocate(ctx, in, opt)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if err := verdict(Check(in, opt, out)); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		want := bruteForce(in, opt)
		noSplit := opt
		noSplit.SplitPenalty = 0
		lp := bruteForce(in, noSplit)
		if out.Bound != lp {
			t.Fatalf("case %d: bound %d, brute-force optimum without split penalty %d", i, out.Bound, lp)
		}
		if opt.SplitPenalty == 0 && out.Cost != want {
			t.Fatalf("case %d: cost %d, brute force %d", i, out.Cost, want)
		}
		if out.Cost < want {
			t.Fatalf("case %d: cost %d below the brute-force optimum %d", i, out.Cost, want)
		}
		if opt.SplitPenalty > 0 {
			penalised++
			if out.Cost == want {
				exactWithSplits++
			}
		}
	}
	// The repair is a heuristic; on these tiny cases it should almost
	// always find the optimum with split penalties.
	t.Logf("split repair reached the optimum in %d of %d cases", exactWithSplits, penalised)
	if exactWithSplits < penalised*9/10 {
		t.Errorf("split repair reached the optimum in only %d of %d cases", exactWithSplits, penalised)
	}
}

func TestAllocateSplitRepair(t *testing.T) {
	// P0 needs 10; W0 (cost 1) holds 6, W1 (cost 3) holds 10. The flow
	// optimum splits 6+4 (cost 18); with a split penalty of 20 serving all
	// 10 from W1 (cost 30) beats 18+20.
	in := &Input{
		Warehouses:   []Warehouse{{ID: "W0"}, {ID: "W1"}},
		PickupPoints: []PickupPoint{{ID: "P0"}},
		SKUs:         []SKU{{ID: "s"}},
		Stock:        []Stock{{Warehouse: "W0", SKU: "s", Units: 6}, {Warehouse: "W1", SKU: "s", Units: 10}},
		Demand:       []Demand{{PickupPoint: "P0", SKU: "s", Units: 10}},
		CostPerUnit:  [][]int64{{1}, {3}},
	}
	for _, tc := range []struct {
		name             string
		pen, cost, bound int64
		splits           int
	}{{"free", 0, 18, 18, 1}, {"penalised", 20, 30, 18, 0}, {"cheap penalty", 5, 23, 18, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{UnmetPenalty: 1000, SplitPenalty: tc.pen}
			out, err := Allocate(context.Background(), in, opt)
			if err != nil {
				t.Fatal(err)
			}
			if out.Cost != tc.cost || out.Bound != tc.bound || len(out.Splits) != tc.splits {
				t.Errorf("got cost %d bound %d splits %d, want %d %d %d", out.Cost, out.Bound, len(out.Splits), tc.cost, tc.bound, tc.splits)
			}
			if err := verdict(Check(in, opt, out)); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestAllocateDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	in := randomInput(r, 6, 40, 30, 20)
	opt := DefaultOptions()
	opt.Nearest = 3
	opt.UnmetPenalty = 500
	var prev *Output
	for _, threads := range []int{1, 2, 3} {
		opt.Threads = threads
		out, err := Allocate(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := verdict(Check(in, opt, out)); err != nil {
			t.Fatal(err)
		}
		out.Stats = solver.Stats{}
		if prev != nil && !reflect.DeepEqual(prev, out) {
			t.Fatalf("threads %d: output differs", threads)
		}
		prev = out
	}
}

func TestAllocateFromLocations(t *testing.T) {
	in := &Input{
		Warehouses:    []Warehouse{{ID: "A", Location: geo.Point{116.40, 39.90}}, {ID: "B", Location: geo.Point{116.60, 39.90}}},
		PickupPoints:  []PickupPoint{{ID: "near-a", Location: geo.Point{116.41, 39.91}}, {ID: "near-b", Location: geo.Point{116.59, 39.89}}},
		SKUs:          []SKU{{ID: "eggs"}},
		Stock:         []Stock{{Warehouse: "A", SKU: "eggs", Units: 50}, {Warehouse: "B", SKU: "eggs", Units: 50}},
		Demand:        []Demand{{PickupPoint: "near-a", SKU: "eggs", Units: 40}, {PickupPoint: "near-b", SKU: "eggs", Units: 40}},
		CostPerUnitKm: 10,
	}
	opt := DefaultOptions()
	out, err := Allocate(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := verdict(Check(in, opt, out)); err != nil {
		t.Fatal(err)
	}
	for _, a := range out.Assignments {
		if a.PickupPoint[len(a.PickupPoint)-1] != a.Warehouse[0]+'a'-'A' {
			t.Errorf("%s served from %s, want its nearest warehouse", a.PickupPoint, a.Warehouse)
		}
	}
}

func TestAllocateBadInput(t *testing.T) {
	good := func() *Input {
		return &Input{
			Warehouses:   []Warehouse{{ID: "W0"}, {ID: "W1"}},
			PickupPoints: []PickupPoint{{ID: "P0"}, {ID: "P1"}, {ID: "P2"}},
			SKUs:         []SKU{{ID: "s"}},
			Stock:        []Stock{{Warehouse: "W0", SKU: "s", Units: 6}},
			Demand:       []Demand{{PickupPoint: "P0", SKU: "s", Units: 10}},
			CostPerUnit:  [][]int64{{1, 2, 3}, {3, 2, 1}},
		}
	}
	for _, tc := range []struct {
		name, field string
		edit        func(*Input)
	}{
		{"negative stock", "stock[0].units", func(in *Input) { in.Stock[0].Units = -5 }},
		{"safety above units", "stock[0].safety_units", func(in *Input) { in.Stock[0].SafetyUnits = 7 }},
		{"unknown warehouse", "stock[0].warehouse", func(in *Input) { in.Stock[0].Warehouse = "W9" }},
		{"unknown sku", "demand[0].sku", func(in *Input) { in.Demand[0].SKU = "x" }},
		{"unknown pickup point", "demand[0].pickup_point", func(in *Input) { in.Demand[0].PickupPoint = "P9" }},
		{"unknown home", "pickup_points[1].home", func(in *Input) { in.PickupPoints[1].Home = "W7" }},
		{"duplicate id", "pickup_points[2].id", func(in *Input) { in.PickupPoints[2].ID = "P0" }},
		{"rows", "cost_per_unit", func(in *Input) { in.CostPerUnit = in.CostPerUnit[:1] }},
		{"columns", "cost_per_unit[1]", func(in *Input) { in.CostPerUnit[1] = []int64{1, 2} }},
		{"negative cost", "cost_per_unit[0][2]", func(in *Input) { in.CostPerUnit[0][2] = -1 }},
		{"no costs", "cost_per_unit_km", func(in *Input) { in.CostPerUnit = nil }},
		{"duplicate demand", "demand[1]", func(in *Input) { in.Demand = append(in.Demand, in.Demand[0]) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good()
			tc.edit(in)
			_, err := Allocate(context.Background(), in, DefaultOptions())
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok {
				t.Fatalf("got %v, want an InputError", err)
			}
			if ie.Field() != tc.field {
				t.Errorf("got field %q (%v), want %q", ie.Field(), err, tc.field)
			}
		})
	}
	opt := DefaultOptions()
	opt.UnmetPenalty = 0
	if _, err := Allocate(context.Background(), good(), opt); err == nil {
		t.Error("unmet_penalty 0: got no error")
	}
}

// TestAllocateDeadlineGreedy runs the brute-force cases with a deadline
// already past: every SKU is allocated greedily, the plan must still pass
// Check, cost no less than the optimum, and report a bound no greater than
// the flow optimum.
func TestAllocateDeadlineGreedy(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	optimal := 0
	const cases = 200
	for i := range cases {
		in, opt := randomCase(r, false)
		out, err := Allocate(ctx, in, opt)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if err := verdict(Check(in, opt, out)); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		skus := map[string]bool{}
		for _, d := range in.Demand {
			if d.Units > 0 {
				skus[d.SKU] = true
			}
		}
		wantStop := solver.StopTimeLimit
		if len(skus) == 0 {
			wantStop = solver.StopConverged
		}
		if out.GreedySKUs != len(skus) || out.Stats.Stop != wantStop {
			t.Fatalf("case %d: %d greedy SKUs of %d, stop %q", i, out.GreedySKUs, len(skus), out.Stats.Stop)
		}
		want := bruteForce(in, opt)
		if out.Cost < want || out.Bound > want {
			t.Fatalf("case %d: cost %d, bound %d, optimum %d", i, out.Cost, out.Bound, want)
		}
		if out.Cost == want {
			optimal++
		}
	}
	t.Logf("greedy reached the optimum in %d of %d cases", optimal, cases)
	if optimal < cases/3 {
		t.Errorf("greedy reached the optimum in only %d of %d cases", optimal, cases)
	}
}
