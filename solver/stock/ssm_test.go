package stock

import (
	"context"
	"math"
	"testing"
)

// TestSSMStockpylDocstring reproduces the optimum that stockpyl's
// optimize_base_stock_levels documents for Example 6.1 with its default
// discretisation (x_num=1000, d_num=100).
func TestSSMStockpylDocstring(t *testing.T) {
	r, err := ssmSerial(&ssmSerialIn{NumNodes: 3, EchelonHoldingCost: []float64{3, 2, 2}, LeadTime: []float64{1, 1, 2},
		StockoutCost: 37.12, Demand: "normal", DemandMean: 5, DemandSD: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"1": 6.5144388073261155, "2": 12.012332294949644, "3": 22.700237234889784}
	for k, w := range want {
		if g := r.EchelonS[k]; math.Abs(g-w) > 1e-9*w {
			t.Errorf("S_%s: got %.15g, want %.15g", k, g, w)
		}
	}
	if w := 47.668653127136345; math.Abs(r.Cost-w) > 1e-9*w {
		t.Errorf("cost: got %.15g, want %.15g", r.Cost, w)
	}
}

// TestSSMSingleStageIsNewsvendor checks the recursion against the closed
// form: one stage is a newsvendor with h and p over the lead time.
func TestSSMSingleStageIsNewsvendor(t *testing.T) {
	r, err := ssmSerial(&ssmSerialIn{NumNodes: 1, EchelonHoldingCost: []float64{2}, LeadTime: []float64{3},
		StockoutCost: 18, Demand: "poisson", DemandMean: 4})
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
	in := &ssmSerialIn{NumNodes: 2, EchelonHoldingCost: []float64{1, 0.5}, LeadTime: []float64{1, 2}, StockoutCost: 9, Demand: "poisson", DemandMean: 2}
	r, err := ssmSerial(in)
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
