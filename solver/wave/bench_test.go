package wave_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"fulfil/solver/wave"
)

var sprpOnce struct {
	sync.Once
	cases []sprpCase
}

// BenchmarkRouteOptimal routes the SPRP instances in turn, one per
// iteration, by each policy (validation, compilation and the walk
// included): ns/op is the mean time per instance; matched counts published
// optima met and gap% is the mean excess over them, over all 2,400.
func BenchmarkRouteOptimal(b *testing.B) {
	sprpOnce.Do(func() { sprpOnce.cases = loadSPRP(b) })
	cases := sprpOnce.cases
	if len(cases) == 0 {
		b.Skip("no SPRP instances")
	}
	for _, two := range []bool{false, true} {
		name := "single-block"
		if two {
			name = "two-block"
		}
		layouts := make([]*wave.Layout, len(cases))
		for i, c := range cases {
			layouts[i] = sprpLayout(c.inst, two)
		}
		for _, pol := range wave.Policies() {
			b.Run(name+"/"+string(pol), func(b *testing.B) {
				var w wave.Router
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					if _, err := w.Route(layouts[i], cases[i].picks, pol); err != nil {
						b.Fatal(err)
					}
					i++
					if i == len(cases) {
						i = 0
					}
				}
				b.StopTimer()
				matched, gap := 0, 0.0
				for i, c := range cases {
					t, err := w.Route(layouts[i], c.picks, pol)
					if err != nil {
						b.Fatal(err)
					}
					want := c.single
					if two {
						want = c.two
					}
					if t.DistanceM == want {
						matched++
					}
					gap += 100 * (t.DistanceM - want) / want
				}
				b.ReportMetric(float64(matched), "matched")
				b.ReportMetric(gap/float64(len(cases)), "gap%")
			})
		}
	}
}

// festival builds the festival scenario: 50,000 orders for 200 pickup
// points over 20 SKUs, 20 trucks of 10 stops, in a 10-aisle single-block
// zone.
func festival() *wave.Input { return festivalOf(50000, 200) }

// festivalOf is the festival scenario with orders orders for pickupPoints
// pickup points.
func festivalOf(orders, pickupPoints int) *wave.Input {
	in := genInput(genSpec{orders: orders, pickupPoints: pickupPoints, skus: 20, stopsPerTruck: 10, seed: 2026})
	in.Layout.Aisles = 10
	in.Layout.Start.Aisle, in.Layout.End.Aisle = 0, 9
	for i := range in.Locations {
		in.Locations[i].Aisle %= 10
	}
	in.Cart = wave.Cart{Bins: 8, BinVolumeCm3: 60000, VolumeCm3: 480000, WeightG: 250000, Lines: 200}
	return in
}

var festivalOnce struct {
	sync.Once
	in *wave.Input
}

// BenchmarkFestivalPlan plans the festival scenario into waves, batches and
// pick lists with the default options (2 threads); dist_gap% is the excess
// over the lower bound, unit_gap% over the bound for batchings of the
// plan's own units (UnitBounds).
func BenchmarkFestivalPlan(b *testing.B) {
	festivalOnce.Do(func() { festivalOnce.in = festival() })
	in := festivalOnce.in
	for _, mode := range []wave.Mode{wave.PickByOrder, wave.TotalPick} {
		b.Run(string(mode), func(b *testing.B) {
			opt := wave.DefaultOptions()
			opt.Threads, opt.Mode = 2, mode
			b.ReportAllocs()
			var out *wave.Output
			for b.Loop() {
				var err error
				if out, err = wave.Plan(context.Background(), in, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out.Waves)), "waves")
			b.ReportMetric(float64(out.Batches), "carts")
			b.ReportMetric(float64(out.Bound.Carts), "bound_carts")
			b.ReportMetric(out.DistanceM, "distance_m")
			b.ReportMetric(gapOf(out.DistanceM, out.Bound.DistanceM), "dist_gap%")
			b.ReportMetric(gapOf(out.DistanceM, sum(wave.UnitBounds(in, opt))), "unit_gap%")
		})
	}
}

// BenchmarkWaveBound computes the lower bounds of every wave of the
// festival scenario (units formed as Plan forms them): the cost the bounds
// add to a plan.
func BenchmarkWaveBound(b *testing.B) {
	festivalOnce.Do(func() { festivalOnce.in = festival() })
	for _, mode := range []wave.Mode{wave.PickByOrder, wave.TotalPick} {
		b.Run(string(mode), func(b *testing.B) {
			opt := wave.DefaultOptions()
			opt.Mode = mode
			bounds := wave.WaveBounds(festivalOnce.in, opt)
			b.ReportAllocs()
			for b.Loop() {
				bounds()
			}
		})
	}
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func gapOf(v, bound float64) float64 {
	if bound <= 0 {
		return 0
	}
	return 100 * (v - bound) / bound
}

// batchingSpec is the generated instance of the batching comparison: ten
// orders per pickup point, twenty stops per truck, two blocks.
func batchingSpec(n int) genSpec {
	return genSpec{orders: n, pickupPoints: max(1, n/10), skus: 400, stopsPerTruck: 20, twoBlock: true, scattered: 0.1, seed: uint64(n)}
}

// baselineOptions is first-come-first-served batching of whole-order bins
// with S-shape routes.
func baselineOptions() wave.Options {
	o := wave.DefaultOptions()
	o.Construction, o.Improvement, o.Policy, o.BinGrouping = "fcfs", "none", wave.SShape, "orders"
	return o
}

// BenchmarkBatching plans 200..5,000 generated orders with the default
// options and reports the walking distance against the FCFS + S-shape
// baseline, against the lower bound (plan_gap%) and against the bound for
// batchings of the plan's own bins (plan_unit_gap%, see UnitBounds).
func BenchmarkBatching(b *testing.B) {
	for _, n := range []int{200, 500, 1000, 2000, 5000} {
		b.Run(fmt.Sprintf("orders=%d", n), func(b *testing.B) {
			in := genInput(batchingSpec(n))
			base, err := wave.Plan(context.Background(), in, baselineOptions())
			if err != nil {
				b.Fatal(err)
			}
			opt := wave.DefaultOptions()
			opt.Threads = 2
			var out *wave.Output
			for b.Loop() {
				if out, err = wave.Plan(context.Background(), in, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(base.DistanceM, "baseline_m")
			b.ReportMetric(out.DistanceM, "plan_m")
			b.ReportMetric(out.Bound.DistanceM, "bound_m")
			b.ReportMetric(100*(base.DistanceM-out.DistanceM)/base.DistanceM, "saved%")
			b.ReportMetric(gapOf(base.DistanceM, out.Bound.DistanceM), "baseline_gap%")
			b.ReportMetric(gapOf(out.DistanceM, out.Bound.DistanceM), "plan_gap%")
			b.ReportMetric(gapOf(out.DistanceM, sum(wave.UnitBounds(in, opt))), "plan_unit_gap%")
			b.ReportMetric(float64(base.Batches), "baseline_carts")
			b.ReportMetric(float64(out.Batches), "plan_carts")
			b.ReportMetric(float64(out.Bound.Carts), "bound_carts")
		})
	}
}
