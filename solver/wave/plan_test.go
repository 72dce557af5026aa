package wave_test

import (
	"context"
	"errors"
	"testing"

	"fulfil/solver"
	"fulfil/solver/wave"
)

func lineCount(in *wave.Input) int {
	n := 0
	for _, o := range in.Orders {
		n += len(o.Lines)
	}
	return n
}

// TestPlanInvariants plans generated instances in both modes with every
// construction and checks each plan with Check: every order line picked
// exactly once, no cart over a limit, bins and puts consistent with pickup
// points, legal walks, bounds respected.
func TestPlanInvariants(t *testing.T) {
	for _, tc := range []struct {
		name string
		sp   genSpec
		opt  func(*wave.Options)
	}{
		{"order/seed/ils", genSpec{orders: 400, pickupPoints: 30, skus: 150, stopsPerTruck: 6, seed: 1}, func(o *wave.Options) {}},
		{"order/savings/local/two-block", genSpec{orders: 400, pickupPoints: 30, skus: 150, stopsPerTruck: 6, twoBlock: true, seed: 2}, func(o *wave.Options) { o.Construction, o.Improvement = "savings", "local" }},
		{"order/fcfs/sshape", genSpec{orders: 300, pickupPoints: 20, skus: 100, stopsPerTruck: 5, seed: 3}, func(o *wave.Options) { o.Construction, o.Improvement, o.Policy = "fcfs", "none", wave.SShape }},
		{"order/scattered/largestgap", genSpec{orders: 300, pickupPoints: 20, skus: 100, stopsPerTruck: 5, scattered: 0.5, seed: 4}, func(o *wave.Options) { o.Policy = wave.LargestGap }},
		{"total/seed/ils", genSpec{orders: 400, pickupPoints: 30, skus: 150, stopsPerTruck: 6, seed: 5}, func(o *wave.Options) { o.Mode = wave.TotalPick }},
		{"total/savings/combined/scattered", genSpec{orders: 300, pickupPoints: 20, skus: 80, stopsPerTruck: 10, scattered: 0.3, seed: 6}, func(o *wave.Options) {
			o.Mode, o.Construction, o.Policy = wave.TotalPick, "savings", wave.Combined
		}},
		{"order/whole-order-bins/two-block/scattered", genSpec{orders: 400, pickupPoints: 30, skus: 150, stopsPerTruck: 6, twoBlock: true, scattered: 0.3, seed: 8}, func(o *wave.Options) { o.BinGrouping = "orders" }},
		{"order/auto-bins/scattered/sshape", genSpec{orders: 400, pickupPoints: 15, skus: 60, stopsPerTruck: 5, scattered: 0.3, seed: 9}, func(o *wave.Options) { o.BinGrouping, o.Policy = "auto", wave.SShape }},
		{"order/six-blocks", genSpec{orders: 300, pickupPoints: 10, skus: 80, stopsPerTruck: 5, blocks: 6, seed: 10}, func(o *wave.Options) {}},
		{"order/by-pickup-point", genSpec{orders: 200, pickupPoints: 12, skus: 60, stopsPerTruck: 4, seed: 7}, func(o *wave.Options) { o.WaveBy = "pickup_point" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := genInput(tc.sp)
			opt := wave.DefaultOptions()
			opt.Iterations = 20
			tc.opt(&opt)
			out, err := wave.Plan(context.Background(), in, opt)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := checked(in, out)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OrderLines != lineCount(in) {
				t.Errorf("checked %d order lines, want %d", rep.OrderLines, lineCount(in))
			}
			if out.Batches == 0 || out.DistanceM <= 0 {
				t.Errorf("got %d batches, %g m", out.Batches, out.DistanceM)
			}
			if out.Stats.Stop != solver.StopConverged && out.Stats.Stop != solver.StopIterations {
				t.Errorf("stop %q, want converged or iterations", out.Stats.Stop)
			}
		})
	}
}

// TestCheckCatches corrupts valid plans and expects Check to object.
func TestCheckCatches(t *testing.T) {
	in := genInput(genSpec{orders: 200, pickupPoints: 12, skus: 60, stopsPerTruck: 4, seed: 9})
	opt := wave.DefaultOptions()
	opt.Iterations = 5
	fresh := func() *wave.Output {
		out, err := wave.Plan(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		harm func(o *wave.Output)
	}{
		{"drop a pick", func(o *wave.Output) { b := &o.Waves[0].Batches[0]; b.Picks = b.Picks[1:] }},
		{"pick twice", func(o *wave.Output) { b := &o.Waves[0].Batches[0]; b.Picks = append(b.Picks, b.Picks[0]) }},
		{"wrong bin", func(o *wave.Output) {
			for wi := range o.Waves {
				for bi := range o.Waves[wi].Batches {
					b := &o.Waves[wi].Batches[bi]
					for pi := range b.Picks {
						for k := range b.Bins {
							if b.Bins[k].PickupPoint != b.Bins[b.Picks[pi].Bin].PickupPoint {
								b.Picks[pi].Bin = k
								return
							}
						}
					}
				}
			}
			t.Fatal("the case has no batch with two pickup points: pick one that does")
		}},
		{"overfull cart", func(o *wave.Output) {
			w := &o.Waves[0]
			b := &w.Batches[0]
			for i := 1; i < len(w.Batches); i++ {
				b.Picks = append(b.Picks, w.Batches[i].Picks...)
			}
			w.Batches = w.Batches[:1]
		}},
		{"short path", func(o *wave.Output) { o.Waves[0].Batches[0].DistanceM -= 1 }},
		{"loading order", func(o *wave.Output) {
			lo := o.Waves[0].LoadingOrder
			if len(lo) < 2 {
				t.Fatal("the case's first wave has one stop: pick one with two")
			}
			lo[0], lo[1] = lo[1], lo[0]
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := fresh()
			tc.harm(out)
			if _, err := checked(in, out); !errors.Is(err, wave.ErrCheck) {
				t.Errorf("got %v, want ErrCheck", err)
			}
		})
	}
}

// TestPlanDeterministic: same input and seed give the same plan with one or
// two threads.
func TestPlanDeterministic(t *testing.T) {
	in := genInput(genSpec{orders: 500, pickupPoints: 30, skus: 120, stopsPerTruck: 5, seed: 11})
	var got []float64
	for _, th := range []int{1, 2, 1} {
		opt := wave.DefaultOptions()
		opt.Iterations, opt.Threads = 30, th
		out, err := wave.Plan(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, out.DistanceM)
	}
	if got[0] != got[1] || got[0] != got[2] {
		t.Errorf("distances differ: %v", got)
	}
}

// TestBadInput expects an InputError naming the offending field.
func TestBadInput(t *testing.T) {
	base := func() *wave.Input {
		return genInput(genSpec{orders: 20, pickupPoints: 4, skus: 10, stopsPerTruck: 2, seed: 12})
	}
	for _, tc := range []struct {
		name  string
		field string
		harm  func(in *wave.Input, o *wave.Options)
	}{
		{"negative quantity", "orders[3].lines[0].quantity", func(in *wave.Input, o *wave.Options) { in.Orders[3].Lines[0].Quantity = -2 }},
		{"zero quantity", "orders[0].lines[0].quantity", func(in *wave.Input, o *wave.Options) { in.Orders[0].Lines[0].Quantity = 0 }},
		{"unknown sku", "orders[1].lines[0].sku", func(in *wave.Input, o *wave.Options) { in.Orders[1].Lines[0].SKU = "nope" }},
		{"sku without location", "orders[2].lines[0].sku", func(in *wave.Input, o *wave.Options) {
			in.SKUs = append(in.SKUs, wave.SKU{ID: "homeless"})
			in.Orders[2].Lines[0].SKU = "homeless"
		}},
		{"location of unknown sku", "locations[4].sku", func(in *wave.Input, o *wave.Options) { in.Locations[4].SKU = "ghost" }},
		{"location outside layout", "locations[0].cell", func(in *wave.Input, o *wave.Options) { in.Locations[0].Cell = 60 }},
		{"item larger than bin", "skus[0].unit_volume_cm3", func(in *wave.Input, o *wave.Options) { in.SKUs[0].UnitVolumeCm3 = 50000 }},
		{"item larger than cart", "skus[1].unit_volume_cm3", func(in *wave.Input, o *wave.Options) {
			o.Mode = wave.TotalPick
			in.SKUs[1].UnitVolumeCm3 = 300000
		}},
		{"item heavier than cart", "skus[2].unit_weight_g", func(in *wave.Input, o *wave.Options) { in.SKUs[2].UnitWeightG = 200000 }},
		{"beyond stock", "orders[0].lines[0].quantity", func(in *wave.Input, o *wave.Options) { in.Orders[0].Lines[0].Quantity = 1 << 30 }},
		{"pickup point on no truck", "orders[5].pickup_point", func(in *wave.Input, o *wave.Options) { in.Orders[5].PickupPoint = "nowhere" }},
		{"stop on two trucks", "trucks[1].stops[0]", func(in *wave.Input, o *wave.Options) { in.Trucks[1].Stops[0] = in.Trucks[0].Stops[0] }},
		{"duplicate order", "orders[1].id", func(in *wave.Input, o *wave.Options) { in.Orders[1].ID = in.Orders[0].ID }},
		{"no bins", "cart.bins", func(in *wave.Input, o *wave.Options) { in.Cart.Bins = 0 }},
		{"depot outside", "layout.start.aisle", func(in *wave.Input, o *wave.Options) { in.Layout.Start.Aisle = 99 }},
		{"bad cross aisle", "layout.cross_aisles[0].after_cell", func(in *wave.Input, o *wave.Options) {
			in.Layout.CrossAisles = []wave.CrossAisle{{AfterCell: 59}}
		}},
		{"bad option", "options.mode", func(in *wave.Input, o *wave.Options) { o.Mode = "zone" }},
		{"bad bin grouping", "options.bin_grouping", func(in *wave.Input, o *wave.Options) { o.BinGrouping = "zone" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			opt := wave.DefaultOptions()
			tc.harm(in, &opt)
			_, err := wave.Plan(context.Background(), in, opt)
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok {
				t.Fatalf("got %v, want an InputError", err)
			}
			if ie.Field() != tc.field {
				t.Errorf("got field %q (%v), want %q", ie.Field(), err, tc.field)
			}
		})
	}
	// Route names pick fields too.
	l := base().Layout
	if _, err := wave.Route(context.Background(), &l, []wave.Position{{Aisle: 1, Cell: 99}}, wave.Optimal); err == nil {
		t.Error("Route accepted a pick outside the layout")
	} else if ie, ok := errors.AsType[*solver.InputError](err); !ok || ie.Field() != "picks[0].cell" {
		t.Errorf("Route: got %v, want picks[0].cell", err)
	}
}

// TestPlanDeadline: a deadline that passes during the search still yields
// a complete plan that passes Check, marked as stopped by the time limit.
func TestPlanDeadline(t *testing.T) {
	in := genInput(genSpec{orders: 2000, pickupPoints: 200, skus: 300, stopsPerTruck: 20, twoBlock: true, seed: 13})
	opt := wave.DefaultOptions()
	opt.TimeLimitS = 0.001
	out, err := wave.Plan(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checked(in, out); err != nil {
		t.Fatal(err)
	}
	if out.Stats.Stop != solver.StopTimeLimit {
		t.Errorf("stop %q, want time_limit", out.Stats.Stop)
	}
}

// TestBatchingBeatsBaseline: on generated instances the default plan walks
// less than first-come-first-served batching with S-shape routes, and no
// less than the lower bound; the comparison is logged as a table.
func TestBatchingBeatsBaseline(t *testing.T) {
	t.Log("orders  baseline_m  plan_m  bound_m  saved%  plan_gap%  carts(base/plan/bound)")
	for _, n := range []int{200, 500} {
		in := genInput(batchingSpec(n))
		base, err := wave.Plan(context.Background(), in, baselineOptions())
		if err != nil {
			t.Fatal(err)
		}
		opt := wave.DefaultOptions()
		opt.Iterations = 10
		out, err := wave.Plan(context.Background(), in, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []*wave.Output{base, out} {
			if _, err := checked(in, o); err != nil {
				t.Fatal(err)
			}
		}
		if out.DistanceM >= base.DistanceM {
			t.Errorf("%d orders: plan %g m, baseline %g m", n, out.DistanceM, base.DistanceM)
		}
		if out.DistanceM < out.Bound.DistanceM {
			t.Errorf("%d orders: plan %g m below the bound %g m", n, out.DistanceM, out.Bound.DistanceM)
		}
		t.Logf("%6d  %10.0f  %6.0f  %7.0f  %6.1f  %9.1f  %d/%d/%d", n, base.DistanceM, out.DistanceM, out.Bound.DistanceM,
			100*(base.DistanceM-out.DistanceM)/base.DistanceM, gapOf(out.DistanceM, out.Bound.DistanceM), base.Batches, out.Batches, out.Bound.Carts)
	}
}

// checked runs wave.Check and makes a failed check an error wrapping
// wave.ErrCheck.
func checked(in *wave.Input, out *wave.Output) (*wave.Report, error) {
	rep, err := wave.Check(in, out)
	if err != nil {
		return nil, err
	}
	return rep, rep.Err(wave.ErrCheck)
}
