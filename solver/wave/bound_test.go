package wave_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"fulfil/solver/wave"
)

// tinyItem is one unit of one order line of a tiny instance.
type tinyItem struct {
	pp, sku int
	vol, w  int64
}

// tinyInput builds a small random instance with one truck (one wave), one
// to three blocks, six to eight order lines of one unit and carts that hold
// only a few of them.
func tinyInput(r *rand.Rand) (*wave.Input, []tinyItem) {
	l := wave.Layout{Aisles: 2 + r.IntN(3), Cells: 4 + r.IntN(4), AislePitchM: 3, CellPitchM: 1, TopGapM: 1, BottomGapM: 1}
	switch r.IntN(3) {
	case 1:
		l.CrossAisles = []wave.CrossAisle{{AfterCell: l.Cells/2 - 1, WidthM: 2}}
	case 2:
		l.CrossAisles = []wave.CrossAisle{{AfterCell: 0, WidthM: 1}, {AfterCell: l.Cells - 3, WidthM: 2}}
	}
	l.Start = wave.Depot{Aisle: r.IntN(l.Aisles), CrossAisle: r.IntN(l.Blocks() + 1), OffsetM: float64(r.IntN(3))}
	l.End = l.Start
	if r.IntN(2) == 0 {
		l.End = wave.Depot{Aisle: r.IntN(l.Aisles), CrossAisle: r.IntN(l.Blocks() + 1), OffsetM: float64(r.IntN(3))}
	}
	in := &wave.Input{Layout: l, Cart: wave.Cart{Bins: 1 + r.IntN(2), BinVolumeCm3: int64(3000 + r.IntN(4000))}}
	if r.IntN(2) == 0 {
		in.Cart.VolumeCm3 = int64(5000 + r.IntN(5000))
	}
	if r.IntN(2) == 0 {
		in.Cart.WeightG = int64(2000 + r.IntN(4000))
	}
	if r.IntN(3) == 0 {
		in.Cart.Lines = 2 + r.IntN(3)
	}
	const skus = 4
	for s := range skus {
		id := fmt.Sprintf("S%d", s)
		in.SKUs = append(in.SKUs, wave.SKU{ID: id, UnitVolumeCm3: int64(500 + r.IntN(2500)), UnitWeightG: int64(100 + r.IntN(1900))})
		for k := range 1 + r.IntN(2) {
			in.Locations = append(in.Locations, wave.Location{ID: fmt.Sprintf("L%d-%d", s, k), SKU: id,
				Aisle: r.IntN(l.Aisles), Cell: r.IntN(l.Cells), Stock: 100})
		}
	}
	pps := 1 + r.IntN(3)
	tr := wave.Truck{ID: "T"}
	for p := range pps {
		tr.Stops = append(tr.Stops, fmt.Sprintf("P%d", p))
	}
	in.Trucks = []wave.Truck{tr}
	var items []tinyItem
	n := 6 + r.IntN(3)
	for o := 0; len(items) < n; o++ {
		p := r.IntN(pps)
		ord := wave.Order{ID: fmt.Sprintf("O%d", o), PickupPoint: fmt.Sprintf("P%d", p)}
		for _, s := range r.Perm(skus)[:min(1+r.IntN(2), n-len(items))] {
			ord.Lines = append(ord.Lines, wave.OrderLine{SKU: fmt.Sprintf("S%d", s), Quantity: 1})
			items = append(items, tinyItem{p, s, in.SKUs[s].UnitVolumeCm3, in.SKUs[s].UnitWeightG})
		}
		in.Orders = append(in.Orders, ord)
	}
	return in, items
}

// bruteForce returns the least total walk and the fewest carts over every
// way of splitting the items between carts, each cart routed optimally
// from the best choice of locations. Cart limits are relaxed (bins counted
// as ⌈volume/bin volume⌉ per pickup point, pick lines as distinct (pickup
// point, SKU) pairs, stock ignored), so the result is at most the true
// optimum, and a valid lower bound never exceeds it.
func bruteForce(t *testing.T, in *wave.Input, items []tinyItem, mode wave.Mode) (float64, int) {
	n := len(items)
	c := in.Cart
	locs := make([][]wave.Position, len(in.SKUs))
	for _, l := range in.Locations {
		var s int
		fmt.Sscanf(l.SKU, "S%d", &s)
		locs[s] = append(locs[s], wave.Position{Aisle: l.Aisle, Cell: l.Cell})
	}
	var router wave.Router
	cost := make([]float64, 1<<n)
	for mask := 1; mask < 1<<n; mask++ {
		var vol, w int64
		ppVol := map[int]int64{}
		lines := map[[2]int]bool{}
		var skus []int
		seen := map[int]bool{}
		for i := range n {
			if mask>>i&1 == 0 {
				continue
			}
			it := items[i]
			vol += it.vol
			w += it.w
			ppVol[it.pp] += it.vol
			p := it.pp
			if mode == wave.TotalPick {
				p = -1
			}
			lines[[2]int{p, it.sku}] = true
			if !seen[it.sku] {
				seen[it.sku] = true
				skus = append(skus, it.sku)
			}
		}
		bins := 0
		for _, v := range ppVol {
			bins += int((v + c.BinVolumeCm3 - 1) / c.BinVolumeCm3)
		}
		capV := c.VolumeCm3
		if (capV > 0 && vol > capV) || (c.WeightG > 0 && w > c.WeightG) || (c.Lines > 0 && len(lines) > c.Lines) ||
			(mode == wave.PickByOrder && bins > c.Bins) {
			cost[mask] = math.Inf(1)
			continue
		}
		best := math.Inf(1)
		choice := make([]int, len(skus))
		for {
			picks := make([]wave.Position, len(skus))
			for k, s := range skus {
				picks[k] = locs[s][choice[k]]
			}
			tour, err := router.Route(&in.Layout, picks, wave.Optimal)
			if err != nil {
				t.Fatal(err)
			}
			best = min(best, tour.DistanceM)
			k := 0
			for ; k < len(skus); k++ {
				if choice[k]++; choice[k] < len(locs[skus[k]]) {
					break
				}
				choice[k] = 0
			}
			if k == len(skus) {
				break
			}
		}
		cost[mask] = best
	}
	// set partitions: the part holding the lowest item, then the rest
	opt := make([]float64, 1<<n)
	carts := make([]int, 1<<n)
	for mask := 1; mask < 1<<n; mask++ {
		opt[mask], carts[mask] = math.Inf(1), math.MaxInt
		low := mask & -mask
		rest := mask ^ low
		for sub := rest; ; sub = (sub - 1) & rest {
			part := sub | low
			if c := cost[part] + opt[mask^part]; c < opt[mask] {
				opt[mask] = c
			}
			if !math.IsInf(cost[part], 1) && carts[mask^part] < math.MaxInt {
				carts[mask] = min(carts[mask], 1+carts[mask^part])
			}
			if sub == 0 {
				break
			}
		}
	}
	return opt[1<<n-1], carts[1<<n-1]
}

// TestBoundBruteForce: on small random instances the wave's bounds never
// exceed the brute-force optimum of batching and routing (over every split
// of the goods between carts, not only the planner's units), and the plan
// never beats it.
func TestBoundBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	cases, tighter := 0, 0
	for trial := range 600 {
		in, items := tinyInput(r)
		for _, mode := range []wave.Mode{wave.PickByOrder, wave.TotalPick} {
			opt := wave.DefaultOptions()
			opt.Mode, opt.Iterations = mode, 5
			if err := wave.Validate(in, opt); err != nil {
				continue // e.g. a unit larger than a small bin
			}
			out, err := wave.Plan(context.Background(), in, opt)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := checked(in, out); err != nil {
				t.Fatalf("trial %d %s: %v", trial, mode, err)
			}
			best, fewest := bruteForce(t, in, items, mode)
			cases++
			w := out.Waves[0]
			if w.Bound.DistanceM > best+1e-6 {
				t.Errorf("trial %d %s: bound %g m above the optimum %g m", trial, mode, w.Bound.DistanceM, best)
			}
			if w.Bound.Carts > fewest {
				t.Errorf("trial %d %s: bound %d carts above the fewest %d", trial, mode, w.Bound.Carts, fewest)
			}
			if out.DistanceM < best-1e-6 {
				t.Errorf("trial %d %s: plan %g m below the optimum %g m", trial, mode, out.DistanceM, best)
			}
			if w.Bound.DistanceM > wave.SimpleBounds(in, opt)[0]+1e-9 {
				tighter++
			}
		}
	}
	if cases < 100 {
		t.Fatalf("only %d cases ran", cases)
	}
	if tighter == 0 {
		t.Errorf("the aisle bound never raised the bound in %d cases", cases)
	}
	t.Logf("%d cases, aisle bound raised the bound in %d", cases, tighter)
}

// TestAisleBoundTighter: on the generated batching instances the bound with
// the aisle bound is well above the simple bounds, and still below the plan;
// the plan does not beat the bound for batchings of its own units either.
func TestAisleBoundTighter(t *testing.T) {
	for _, n := range []int{200, 500} {
		in := genInput(batchingSpec(n))
		opt := wave.DefaultOptions()
		opt.Iterations = 5
		out, err := wave.Plan(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		old := 0.0
		for _, b := range wave.SimpleBounds(in, opt) {
			old += b
		}
		if out.Bound.DistanceM < 1.3*old {
			t.Errorf("%d orders: bound %.0f m, simple bounds %.0f m: want at least 1.3 times", n, out.Bound.DistanceM, old)
		}
		if out.DistanceM < out.Bound.DistanceM {
			t.Errorf("%d orders: plan %.0f m below the bound %.0f m", n, out.DistanceM, out.Bound.DistanceM)
		}
		// the plan keeps its units whole, so it cannot beat their bound
		ub := sum(wave.UnitBounds(in, opt))
		if out.DistanceM < ub-1e-6 {
			t.Errorf("%d orders: plan %.0f m below the unit bound %.0f m", n, out.DistanceM, ub)
		}
		t.Logf("%d orders: plan %.0f m, bound %.0f m (simple bounds %.0f m), unit bound %.0f m", n, out.DistanceM, out.Bound.DistanceM, old, ub)
	}
}
