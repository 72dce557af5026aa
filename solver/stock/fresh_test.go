package stock

import (
	"context"
	"math"
	"testing"
)

func freshInput(life int) *freshBaseStockIn {
	return &freshBaseStockIn{
		freshEconomics: freshEconomics{Price: 10, Cost: 6, Salvage: 1, Goodwill: 2},
		distSpec:       distSpec{Distribution: "poisson", Mean: 20},
		ShelfLifeDays:  life, Days: 20000, Seed: 42,
	}
}

// With one day of shelf life and no lead time every day is a newsvendor:
// the simulation must find the closed-form level and profit.
func TestFreshOneDayIsNewsvendor(t *testing.T) {
	in := freshInput(1)
	res, err := freshBaseStock(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	d := NewPoisson(20)
	cr := (10.0 - 6 + 2) / ((10 - 6 + 2) + (6 - 1.0))
	s := d.Quantile(cr)
	profit := func(q float64) float64 {
		n, nbar := d.Loss(q), d.ComplLoss(q)
		return 10*(20-n) - 6*q + 1*nbar - 2*n
	}
	if math.Abs(res.BaseStockLevel-s) > 1 {
		t.Errorf("simulated best level %g, newsvendor %g", res.BaseStockLevel, s)
	}
	if math.Abs(res.ProfitPerDay-profit(res.BaseStockLevel)) > 0.01*profit(s) {
		t.Errorf("simulated profit %g at %g, closed form %g", res.ProfitPerDay, res.BaseStockLevel, profit(res.BaseStockLevel))
	}
	if w := d.ComplLoss(res.BaseStockLevel); math.Abs(res.WastePerDay-w) > 0.05*w {
		t.Errorf("simulated waste %g per day, closed form %g", res.WastePerDay, w)
	}
}

func TestFreshShelfLife(t *testing.T) {
	one, err := freshBaseStock(context.Background(), freshInput(1))
	if err != nil {
		t.Fatal(err)
	}
	three, err := freshBaseStock(context.Background(), freshInput(3))
	if err != nil {
		t.Fatal(err)
	}
	if three.ProfitPerDay < one.ProfitPerDay || three.WasteFraction >= one.WasteFraction {
		t.Errorf("3-day life: profit %g waste %g; 1-day life: profit %g waste %g", three.ProfitPerDay, three.WasteFraction, one.ProfitPerDay, one.WasteFraction)
	}
	again, _ := freshBaseStock(context.Background(), freshInput(3))
	again.Stats.RuntimeS, three.Stats.RuntimeS = 0, 0
	if *again != *three {
		t.Errorf("same seed, different results: %+v vs %+v", again, three)
	}
	// Units are conserved: received = sold + wasted + change in stock.
	if f := three.SalesPerDay + three.WastePerDay; math.Abs(f-three.OrderedPerDay) > 0.01*three.OrderedPerDay {
		t.Errorf("ordered %g per day, sold + wasted %g", three.OrderedPerDay, f)
	}
}

// freshTwoDayExact is the exact profit per day of order-up-to S with two
// days of shelf life, no lead time and Poisson demand, from the stationary
// distribution of x, the stock left from yesterday (one day of life left):
// each morning S − x fresh units arrive, old units sell first, old leftovers
// are wasted and x' = (S − max(x, D))+. It shares nothing with freshSim.
func freshTwoDayExact(price, cost, salvage, goodwill, mean float64, S int) float64 {
	dmax := int(mean + 20*math.Sqrt(mean) + 20)
	pmf := make([]float64, dmax+1)
	for k := range pmf {
		pmf[k] = poissonPMF(k, mean)
	}
	pi := make([]float64, S+1)
	pi[0] = 1
	next := make([]float64, S+1)
	for range 5000 {
		clear(next)
		for x, w := range pi {
			for d, p := range pmf {
				next[max(0, S-max(x, d))] += w * p
			}
		}
		diff := 0.0
		for i := range pi {
			diff += math.Abs(next[i] - pi[i])
		}
		pi, next = next, pi
		if diff < 1e-14 {
			break
		}
	}
	profit := 0.0
	for x, w := range pi {
		for d, p := range pmf {
			sold := math.Min(float64(d), float64(S))
			waste := math.Max(0, float64(x-d))
			lost := math.Max(0, float64(d-S))
			profit += w * p * (price*sold - cost*float64(S-x) + salvage*waste - goodwill*lost)
		}
	}
	return profit
}

func TestFreshTwoDayAgainstExactChain(t *testing.T) {
	for _, S := range []float64{16, 22, 27} {
		in := freshInput(2)
		in.Days = 200000
		in.BaseStockLevel = &S
		res, err := freshBaseStock(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		want := freshTwoDayExact(10, 6, 1, 2, 20, int(S))
		t.Logf("S=%g: simulated %.4f exact %.4f", S, res.ProfitPerDay, want)
		if math.Abs(res.ProfitPerDay-want) > 0.01*math.Abs(want) {
			t.Errorf("S=%g: simulated profit %.4f, exact %.4f", S, res.ProfitPerDay, want)
		}
	}
}
