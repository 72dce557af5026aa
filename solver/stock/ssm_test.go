package stock

import (
	"context"
	"math"
	"testing"
)

// TestSSMNormalConverges refines the grid of Example 6.1 with normal
// demand: the cost settles near 47.6687, the optimum stockpyl documents
// for this example (x_num=1000, d_num=100 on its earlier grid).
func TestSSMNormalConverges(t *testing.T) {
	prev := 0.0
	for i, g := range [][2]int{{1000, 100}, {3000, 300}} {
		r, err := ssmSerial(context.Background(), &ssmSerialIn{NumNodes: 3, EchelonHoldingCost: []float64{3, 2, 2}, LeadTime: []float64{1, 1, 2},
			StockoutCost: 37.12, Demand: "normal", DemandMean: 5, DemandSD: 1, XNum: g[0], DNum: g[1]})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("x_num %d d_num %d: S %v cost %.6f", g[0], g[1], r.EchelonS, r.Cost)
		if math.Abs(r.Cost-47.6687) > 0.002*47.6687 {
			t.Errorf("x_num %d: cost %.6f, want about 47.6687", g[0], r.Cost)
		}
		if i > 0 && math.Abs(r.Cost-prev) > 0.001*prev {
			t.Errorf("x_num %d: cost %.6f moved from %.6f", g[0], r.Cost, prev)
		}
		prev = r.Cost
	}
}

// TestSSMSingleStageIsNewsvendor checks the recursion against the closed
// form: one stage is a newsvendor with h and p over the lead time.
func TestSSMSingleStageIsNewsvendor(t *testing.T) {
	r, err := ssmSerial(context.Background(), &ssmSerialIn{NumNodes: 1, EchelonHoldingCost: []float64{2}, LeadTime: []float64{3},
		StockoutCost: 18, Demand: "poisson", DemandMean: 4, LTDUpperTailProb: 1e-12, SumLTDUpperTailProb: 1e-12})
	if err != nil {
		t.Fatal(err)
	}
	nv, err := newsvendorPoisson(&nvPoissonIn{costParams: costParams{HoldingCost: 2, StockoutCost: 18}, DemandMean: 4, LeadTime: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.EchelonS["1"] != float64(nv.BaseStockLevel) || math.Abs(r.Cost-nv.Cost) > 1e-9 {
		t.Errorf("got S %v cost %.12g, want S %d cost %.12g", r.EchelonS["1"], r.Cost, nv.BaseStockLevel, nv.Cost)
	}
}

// TestSSMBruteForce checks on a small Poisson case that the recursion's
// levels minimise the cost over a grid of echelon levels, each evaluated
// by the same recursion with the levels fixed.
func TestSSMBruteForce(t *testing.T) {
	in := &ssmSerialIn{NumNodes: 2, EchelonHoldingCost: []float64{1, 0.5}, LeadTime: []float64{1, 2}, StockoutCost: 9, Demand: "poisson", DemandMean: 2,
		LTDUpperTailProb: 1e-12, SumLTDUpperTailProb: 1e-12}
	r, err := ssmSerial(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	best := math.Inf(1)
	for s1 := 0; s1 <= 12; s1++ {
		for s2 := s1; s2 <= 20; s2++ {
			c := ssmEvaluate(t, in, []float64{float64(s1), float64(s2)})
			best = math.Min(best, c)
		}
	}
	if math.Abs(best-r.Cost) > 1e-9 {
		t.Errorf("recursion cost %.12g, brute-force minimum %.12g", r.Cost, best)
	}
	_ = context.Background()
}

// ssmEvaluate is the expected cost of given echelon levels for Poisson
// demand, by the exact evaluation recursion of Chen & Zheng with fixed
// levels, written independently of ssmSerial on plain integer arrays.
func ssmEvaluate(t *testing.T, in *ssmSerialIn, S []float64) float64 {
	t.Helper()
	lo, hi := -200, 200
	n := hi - lo + 1
	p := in.StockoutCost
	sumH := 0.0
	for _, h := range in.EchelonHoldingCost {
		sumH += h
	}
	cbar := make([]float64, n)
	for i := range n {
		x := float64(lo + i)
		cbar[i] = (p + sumH) * math.Max(-x, 0)
	}
	var cost float64
	for j := 0; j < in.NumNodes; j++ {
		mu := in.DemandMean * in.LeadTime[j]
		c := make([]float64, n)
		for i := range n {
			y := lo + i
			s := 0.0
			for d := 0; d <= 80; d++ {
				k := y - d - lo
				if k < 0 {
					break
				}
				x := float64(y - d)
				s += poissonPMF(d, mu) * (in.EchelonHoldingCost[j]*x + cbar[k])
			}
			c[i] = s
		}
		si := int(S[j]) - lo
		cost = c[si]
		for i := range n {
			cbar[i] = c[min(i, si)]
		}
	}
	return cost
}
