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
