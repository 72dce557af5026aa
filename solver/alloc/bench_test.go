package alloc

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"fulfil/geo"
)

func geoPoint(lng, lat float64) geo.Point { return geo.Point{lng, lat} }

// transportNetwork builds a transportation network of w warehouses and p
// pickup points on random planar locations, every pickup point linked to
// every warehouse at a cost proportional to distance, plus a slack node
// that absorbs unused stock and serves unmet demand at a penalty.
func transportNetwork(seed uint64, w, p int) *Network {
	r := rand.New(rand.NewPCG(seed, 7))
	g := NewNetwork(0, w*p+w+p)
	type pt struct{ x, y float64 }
	wl := make([]pt, w)
	var total int64
	for i := range w {
		wl[i] = pt{r.Float64() * 100, r.Float64() * 100}
		g.AddNode(0)
	}
	for range p {
		d := int64(1 + r.IntN(20))
		total += d
		g.AddNode(-d)
	}
	stock := total * 9 / 10 // a 10 % shortage
	for i := range w {
		g.Supply[i] = stock / int64(w)
	}
	g.Supply[0] += stock % int64(w)
	slack := g.AddNode(total - stock)
	for j := range p {
		q := pt{r.Float64() * 100, r.Float64() * 100}
		for i := range w {
			g.AddArc(i, w+j, Inf, int64(math.Hypot(q.x-wl[i].x, q.y-wl[i].y)*10))
		}
		g.AddArc(slack, w+j, Inf, 5000)
	}
	for i := range w {
		g.AddArc(i, slack, Inf, 0)
	}
	return g
}

var benchNet = sync.OnceValue(func() *Network { return transportNetwork(1, 20, 5000) })

// BenchmarkNetworkSimplex solves one SKU: 20 warehouses × 5,000 pickup
// points, 10^5 transport arcs.
func BenchmarkNetworkSimplex(b *testing.B) {
	g := benchNet()
	var s netSimplex
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s.init(g)
		if err := s.run(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.pivots), "pivots")
	b.ReportMetric(float64(g.Arcs()), "arcs")
}

// bigInput has 20 warehouses, 2,000 pickup points and nSKU SKUs, each
// demanded at 500 random pickup points and stocked in every warehouse:
// 500 × 20 = 10^4 transport arcs per SKU.
func bigInput(nSKU int) *Input {
	r := rand.New(rand.NewPCG(11, 12))
	const nw, np, per = 20, 2000, 500
	in := &Input{}
	for w := range nw {
		in.Warehouses = append(in.Warehouses, Warehouse{ID: "W" + strconv.Itoa(w),
			Location: geoPoint(116.0+r.Float64(), 39.5+r.Float64())})
	}
	for p := range np {
		pt := PickupPoint{ID: "P" + strconv.Itoa(p), Location: geoPoint(116.0+r.Float64(), 39.5+r.Float64())}
		pt.Home = in.Warehouses[r.IntN(nw)].ID
		in.PickupPoints = append(in.PickupPoints, pt)
	}
	in.CostPerUnitKm = 20
	for k := range nSKU {
		id := "S" + strconv.Itoa(k)
		in.SKUs = append(in.SKUs, SKU{ID: id})
		var total int64
		for _, p := range r.Perm(np)[:per] {
			d := int64(1 + r.IntN(30))
			total += d
			in.Demand = append(in.Demand, Demand{PickupPoint: in.PickupPoints[p].ID, SKU: id, Units: d})
		}
		for _, w := range in.Warehouses {
			u := total * int64(80+r.IntN(40)) / 100 / nw
			in.Stock = append(in.Stock, Stock{Warehouse: w.ID, SKU: id, Units: u, SafetyUnits: u / 10})
		}
	}
	return in
}

var bigAlloc = sync.OnceValue(func() *Input { return bigInput(2000) })

// BenchmarkAllocate2000SKUs allocates 2,000 SKUs × 10^4 arcs on all
// threads with the default options (safety tier included), with and
// without split repair.
func BenchmarkAllocate2000SKUs(b *testing.B) {
	in := bigAlloc()
	for _, pen := range []int64{0, DefaultOptions().SplitPenalty} {
		b.Run("split_penalty="+strconv.FormatInt(pen, 10), func(b *testing.B) {
			opt := DefaultOptions()
			opt.Nearest = 0
			opt.SplitPenalty = pen
			var out *Output
			b.ReportAllocs()
			for b.Loop() {
				var err error
				out, err = Allocate(context.Background(), in, opt)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(out.Splits)), "splits")
			b.ReportMetric(100*out.Gap, "gap%")
			b.ReportMetric(float64(out.Stats.Iterations), "pivots")
		})
	}
}

// BenchmarkAllocateDeadline allocates the 2,000 SKUs of
// BenchmarkAllocate2000SKUs under a time limit shorter than the full
// solve: the SKUs left over are allocated greedily. excess% is the cost
// above the full solve's.
func BenchmarkAllocateDeadline(b *testing.B) {
	in := bigAlloc()
	opt := DefaultOptions()
	opt.Nearest = 0
	opt.SplitPenalty = 0
	full, err := Allocate(context.Background(), in, opt)
	if err != nil {
		b.Fatal(err)
	}
	for _, tl := range []time.Duration{0, 300 * time.Millisecond, time.Second} {
		b.Run("limit="+tl.String(), func(b *testing.B) {
			opt := opt
			opt.TimeLimitS = max(tl, time.Nanosecond).Seconds()
			var out *Output
			for b.Loop() {
				var err error
				if out, err = Allocate(context.Background(), in, opt); err != nil {
					b.Fatal(err)
				}
			}
			if err := verdict(Check(in, opt, out)); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(out.GreedySKUs), "greedy_skus")
			b.ReportMetric(100*float64(out.Cost-full.Cost)/float64(full.Cost), "excess%")
		})
	}
}

// BenchmarkTransfers suggests transfers for 200 SKUs between 20
// warehouses over 120 lanes, most with a capacity that the SKUs compete
// for; gap% is the distance to the Lagrangian bound.
func BenchmarkTransfers(b *testing.B) {
	r := rand.New(rand.NewPCG(31, 32))
	in := &TransferInput{}
	for w := range 20 {
		in.Warehouses = append(in.Warehouses, Warehouse{ID: "W" + strconv.Itoa(w)})
	}
	for k := range 200 {
		id := "S" + strconv.Itoa(k)
		in.SKUs = append(in.SKUs, TransferSKU{ID: id, LotUnits: int64(1 + r.IntN(2)*r.IntN(12))})
		for _, w := range in.Warehouses {
			on := int64(r.IntN(400))
			in.Positions = append(in.Positions, Position{Warehouse: w.ID, SKU: id, OnHandUnits: on,
				ForecastUnits: int64(r.IntN(400)), SafetyUnits: int64(r.IntN(30)), ExpiringUnits: int64(r.IntN(int(on)/4 + 1))})
		}
	}
	for len(in.Lanes) < 120 {
		a, c := r.IntN(20), r.IntN(20)
		if a == c || slices.ContainsFunc(in.Lanes, func(l Lane) bool { return l.From == in.Warehouses[a].ID && l.To == in.Warehouses[c].ID }) {
			continue
		}
		in.Lanes = append(in.Lanes, Lane{From: in.Warehouses[a].ID, To: in.Warehouses[c].ID,
			CostPerUnit: int64(1 + r.IntN(20)), CapacityUnits: int64(r.IntN(4) * r.IntN(3000))})
	}
	opt := DefaultTransferOptions()
	var out *TransferOutput
	for b.Loop() {
		var err error
		if out, err = SuggestTransfers(context.Background(), in, opt); err != nil {
			b.Fatal(err)
		}
	}
	if err := verdict(CheckTransfer(in, opt, out)); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(100*out.Gap, "gap%")
	b.ReportMetric(float64(len(out.Moves)), "moves")
}
