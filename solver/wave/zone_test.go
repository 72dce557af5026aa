package wave_test

import (
	"context"
	"reflect"
	"testing"

	"fulfil/solver/wave"
)

// smallFestival is the festival scenario cut to a fifth: 10,000 orders for
// 40 pickup points over 20 SKUs in a 10-aisle zone, so every pickup point's
// goods fill several bins.
func smallFestival() *wave.Input { return festivalOf(10000, 40) }

// binsPerPP counts each pickup point's bins from a pick-by-order plan.
func binsPerPP(out *wave.Output) map[string]int {
	n := map[string]int{}
	for _, w := range out.Waves {
		for _, s := range w.Slots {
			n[s.PickupPoint] += len(s.Bins)
		}
	}
	return n
}

// TestZoneBinsFestival plans a festival-like wave set with whole-order
// bins, zoned bins and auto, checks every plan, and asserts that zoned
// bins walk far less (measured: 0.36 of the whole-order walk), need no
// more bins for any pickup point and at most a few more carts, and that
// auto keeps the shorter walk of each wave.
func TestZoneBinsFestival(t *testing.T) {
	in := smallFestival()
	outs := planEach(t, in, "orders", "zones", "auto")
	whole, zoned, auto := outs["orders"], outs["zones"], outs["auto"]
	if zoned.DistanceM > 0.45*whole.DistanceM {
		t.Errorf("zones walk %.0f m, want at most 0.45 of whole orders' %.0f m", zoned.DistanceM, whole.DistanceM)
	}
	if float64(zoned.Batches) > 1.05*float64(whole.Batches) {
		t.Errorf("zones use %d carts, want at most 1.05 times whole orders' %d", zoned.Batches, whole.Batches)
	}
	zb := binsPerPP(zoned)
	for p, n := range binsPerPP(whole) {
		if zb[p] > n {
			t.Errorf("pickup point %s: %d zoned bins, %d whole-order bins", p, zb[p], n)
		}
	}
	// no SKU is stored twice, so nothing moves batches after batching and
	// auto's wave walks are the smaller of the two
	for w := range auto.Waves {
		got, want := auto.Waves[w].DistanceM, min(whole.Waves[w].DistanceM, zoned.Waves[w].DistanceM)
		if got != want {
			t.Errorf("waves[%d]: auto walks %g m, want %g", w, got, want)
		}
	}
}

// planEach plans in with each bin grouping and checks every plan; run
// times are zeroed so that plans compare whole.
func planEach(t *testing.T, in *wave.Input, groupings ...string) map[string]*wave.Output {
	t.Helper()
	outs := map[string]*wave.Output{}
	for _, g := range groupings {
		opt := wave.DefaultOptions()
		opt.BinGrouping = g
		out, err := wave.Plan(context.Background(), in, opt)
		if err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		if _, err := checked(in, out); err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		out.Stats.RuntimeS = 0
		outs[g] = out
	}
	return outs
}

// TestZoneBinsOnePerPickupPoint checks that with bins large enough for
// every pickup point's goods, zoned bins give the whole-order plan.
func TestZoneBinsOnePerPickupPoint(t *testing.T) {
	in := genInput(genSpec{orders: 300, pickupPoints: 40, skus: 100, stopsPerTruck: 8, seed: 9})
	in.Cart = wave.Cart{Bins: 4, Lines: 200}
	outs := planEach(t, in, "orders", "zones")
	a, b := outs["orders"], outs["zones"]
	if a.DistanceM != b.DistanceM || a.Batches != b.Batches || !reflect.DeepEqual(a, b) {
		t.Errorf("zones plan %g m in %d carts, whole orders %g m in %d carts (or other fields differ)", b.DistanceM, b.Batches, a.DistanceM, a.Batches)
	}
}
