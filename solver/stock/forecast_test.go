package stock

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestHoltWintersRecoversSeason(t *testing.T) {
	pattern := []float64{3, -1, 0, 2, -4, 5, -5}
	y := make([]float64, 56)
	for i := range y {
		y[i] = 20 + pattern[i%7]
	}
	r, err := holtWinters(&holtWintersIn{Series: y, Alpha: 0.3, Gamma: 0.2, Horizon: 7})
	if err != nil {
		t.Fatal(err)
	}
	for h, f := range r.Forecast {
		if want := 20 + pattern[(56+h)%7]; math.Abs(f-want) > 1e-9 {
			t.Errorf("h=%d: got %g, want %g", h+1, f, want)
		}
	}
	if r.Sigma > 1e-9 {
		t.Errorf("sigma %g on a noiseless series", r.Sigma)
	}
}

func TestHolt(t *testing.T) {
	y := []float64{10, 12, 14, 16, 18}
	r, err := holt(&holtIn{Series: y, Alpha: 0.5, Beta: 0.3, Horizon: 2})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.Forecast[0]-20) > 1e-12 || math.Abs(r.Forecast[1]-22) > 1e-12 {
		t.Errorf("linear series: got %v, want [20 22]", r.Forecast)
	}
}

func TestClassifyAndMethod(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	cases := []struct {
		i      int
		class  DemandClass
		method []Method
	}{
		{0, ClassSmooth, []Method{MethodHoltWinters}},
		{1, ClassErratic, []Method{MethodSES, MethodHolt, MethodHoltWinters}},
		{2, ClassIntermittent, []Method{MethodSBA}},
		{3, ClassLumpy, []Method{MethodTSB}},
	}
	for _, c := range cases {
		y := syntheticSeries(rng, c.i, 90)
		f := newForecaster(7).fit(y, make([]float64, 3))
		if f.Class != c.class {
			t.Errorf("series %d: class %s (adi %.2f cv2 %.2f), want %s", c.i, f.Class, f.ADI, f.CV2, c.class)
		}
		found := false
		for _, m := range c.method {
			found = found || f.Method == m
		}
		if !found {
			t.Errorf("series %d (%s): method %s, want one of %v", c.i, f.Class, f.Method, c.method)
		}
		if f.Mean < 0 || f.Sigma <= 0 {
			t.Errorf("series %d: mean %g sigma %g", c.i, f.Mean, f.Sigma)
		}
	}
	cl := classify([]float64{0, 0, 0})
	if cl.Class != ClassNone {
		t.Errorf("all-zero series: class %s", cl.Class)
	}
	// ADI exactly at the cut-off counts as intermittent.
	cl = classify([]float64{5, 0, 5, 5, 0, 5, 5, 5, 5, 0, 5, 5, 5, 5, 0, 5, 5, 5, 0, 5, 5, 5, 5, 0, 5, 5, 5, 5, 5, 0, 5, 5, 5})
	if cl.ADI >= adiCutoff || cl.Class != ClassSmooth || cl.CV2 != 0 {
		t.Errorf("got %+v, want smooth with cv2 0", cl)
	}
}

func TestBatchDeterministicAcrossThreads(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	rows := make([]Row, 5000)
	for i := range rows {
		if i%2 == 0 {
			rows[i] = Row{SKU: "s", Warehouse: "w", History: syntheticSeries(rng, i, 60), LeadTimeDays: 2, OnHand: 10, CasePack: 6}
		} else {
			rows[i] = Row{SKU: "s", Warehouse: "w", DemandMean: 10 + float64(i%50), DemandSD: 5, LeadTimeDays: 1, LeadTimeSDDays: 0.3, OnHand: float64(i % 70), FillRate: 0.97}
		}
	}
	var first []RowResult
	for _, th := range []int{1, 2, 3} {
		res, err := Batch(context.Background(), rows, BatchOptions{Threads: th})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
		} else if !reflect.DeepEqual(first, res) {
			t.Fatalf("threads=%d differs from threads=1", th)
		}
	}
	for i, r := range first {
		if p := rows[i].CasePack; p > 0 && math.Mod(r.OrderQuantity, p) != 0 {
			t.Errorf("row %d: order %g not a multiple of pack %g", i, r.OrderQuantity, p)
		}
		if r.OrderQuantity < r.OrderUpTo-r.InventoryPosition-1e-9 {
			t.Errorf("row %d: order %g below S − IP = %g", i, r.OrderQuantity, r.OrderUpTo-r.InventoryPosition)
		}
	}
}

func TestBatchRowMatchesRS(t *testing.T) {
	rows := []Row{
		{SKU: "a", Warehouse: "w", DemandMean: 100, DemandSD: 20, LeadTimeDays: 2, CycleServiceLevel: 0.98, OnHand: 200, OnOrder: 100},
		{SKU: "b", Warehouse: "w", DemandMean: 100, DemandSD: 20, LeadTimeDays: 2, FillRate: 0.98, OnHand: 40},
		{SKU: "c", Warehouse: "w", DemandMean: 100, DemandSD: 20, LeadTimeDays: 2, OnHand: 0},
		{SKU: "d", Warehouse: "w", DemandMean: 100, DemandSD: 20, LeadTimeDays: 2, HoldingCost: 1, StockoutCost: 49, OnHand: 300},
	}
	res, err := Batch(context.Background(), rows, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// formula_cases.csv: RS-order-up-to and fillrate-RS.
	if math.Abs(res[0].OrderUpTo-371.143949184071) > 1e-9 || math.Abs(res[0].OrderQuantity-71.143949184071) > 1e-9 {
		t.Errorf("row a: S %.12g order %.12g", res[0].OrderUpTo, res[0].OrderQuantity)
	}
	if math.Abs(res[1].OrderUpTo-341.0835206923447) > 1e-9 {
		t.Errorf("row b: S %.12g", res[1].OrderUpTo)
	}
	// p/(p+h) = 49/50 = 0.98, as row a.
	if math.Abs(res[3].OrderUpTo-371.143949184071) > 1e-9 {
		t.Errorf("row d: S %.12g", res[3].OrderUpTo)
	}
	want := []StockLevel{LevelOK, LevelBelowSafetyStock, LevelStockout}
	for i, w := range want {
		if res[i].Level != w {
			t.Errorf("row %d: level %s, want %s", i, res[i].Level, w)
		}
	}
}

func TestBatchIntermittentUsesGamma(t *testing.T) {
	y := []float64{0, 0, 4, 0, 0, 0, 5, 0, 0, 3, 0, 0, 0, 6, 0, 0, 4, 0, 0, 0, 5, 0, 0, 4, 0, 0, 0, 5, 0, 0}
	rows := []Row{{SKU: "slow", Warehouse: "w", History: y, LeadTimeDays: 3, CycleServiceLevel: 0.95, OnHand: 2}}
	res, err := Batch(context.Background(), rows, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	if r.Class != ClassIntermittent || r.Method != MethodSBA {
		t.Fatalf("class %s method %s", r.Class, r.Method)
	}
	mean := 4 * r.DemandMean
	v := 4 * r.DemandSD * r.DemandSD
	g := Gamma{Shape: mean * mean / v, Scale: v / mean}
	if math.Abs(g.CDF(r.OrderUpTo)-0.95) > 1e-9 || math.Abs(r.OrderUpTo-mean-r.SafetyStock) > 1e-9 {
		t.Errorf("S %g: gamma CDF %g, want 0.95", r.OrderUpTo, g.CDF(r.OrderUpTo))
	}
	rows[0].CycleServiceLevel, rows[0].FillRate = 0, 0.9
	res, _ = Batch(context.Background(), rows, BatchOptions{})
	if l := g.Loss(res[0].OrderUpTo); math.Abs(l-0.1*r.DemandMean) > 1e-9 {
		t.Errorf("fill rate: expected shortage %g, want %g", l, 0.1*r.DemandMean)
	}
}

// The per-row hot path allocates nothing once a worker is warm.
func TestBatchPolicyAllocs(t *testing.T) {
	opt := DefaultBatchOptions().withDefaults()
	w := &batchWorker{fc: newForecaster(7), zDef: stdQuantile(opt.CycleServiceLevel)}
	rng := rand.New(rand.NewPCG(1, 1))
	rows := []Row{
		{SKU: "a", Warehouse: "w", DemandMean: 20, DemandSD: 6, LeadTimeDays: 2, FillRate: 0.97, OnHand: 10, CasePack: 6},
		{SKU: "b", Warehouse: "w", History: syntheticSeries(rng, 0, 90), LeadTimeDays: 2, OnHand: 10},
		{SKU: "c", Warehouse: "w", History: syntheticSeries(rng, 2, 90), LeadTimeDays: 2, OnHand: 10},
	}
	var out RowResult
	for i := range rows {
		w.policy(&rows[i], &opt, &out)
		if n := testing.AllocsPerRun(20, func() { w.policy(&rows[i], &opt, &out) }); n != 0 {
			t.Errorf("row %s: %g allocations per policy", rows[i].SKU, n)
		}
	}
}

// TestBatchShelfLifeCap: a fresh SKU's order-up-to level is capped at the
// demand expected over lead time plus shelf life, and the service level
// that cap gives is reported; a long shelf life changes nothing.
func TestBatchShelfLifeCap(t *testing.T) {
	base := Row{SKU: "greens", Warehouse: "w", DemandMean: 100, DemandSD: 30, LeadTimeDays: 2, CycleServiceLevel: 0.95, OnHand: 120}
	short, long := base, base
	short.ShelfLifeDays, long.ShelfLifeDays = 1.5, 10
	res, err := Batch(context.Background(), []Row{base, short, long}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].ShelfLifeCapped || res[2].ShelfLifeCapped || res[2].OrderUpTo != res[0].OrderUpTo {
		t.Errorf("uncapped rows changed: %+v / %+v", res[0], res[2])
	}
	// R + L = 3 days: mean 300, σ = 30√3; the cap is 100·(2 + 1.5) = 350.
	r := res[1]
	sigma := 30 * math.Sqrt(3)
	if !r.ShelfLifeCapped || math.Abs(r.OrderUpTo-350) > 1e-9 || math.Abs(r.OrderQuantity-230) > 1e-9 ||
		math.Abs(r.CappedServiceLevel-stdCDF(50/sigma)) > 1e-12 || r.ReorderPoint > r.OrderUpTo {
		t.Errorf("capped row %+v, want S 350, order 230, service level %.6f", r, stdCDF(50/sigma))
	}
	if res[0].OrderUpTo <= 350 {
		t.Fatalf("the test needs the uncapped level above the cap, got %g", res[0].OrderUpTo)
	}
	bad := base
	bad.ShelfLifeDays = -1
	if _, err := Batch(context.Background(), []Row{bad}, BatchOptions{}); err == nil || !strings.Contains(err.Error(), "rows[0].shelf_life_days") {
		t.Errorf("negative shelf life: %v", err)
	}
}
