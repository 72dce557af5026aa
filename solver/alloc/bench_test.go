package alloc

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

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
