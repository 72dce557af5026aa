package stock

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

func TestDeviationColours(t *testing.T) {
	cases := []struct {
		plan, actual float64
		want         Colour
	}{
		{100, 109.9, ColourNone}, {100, 110, ColourYellow}, {1, 1.1, ColourYellow}, {0.3, 0.33, ColourYellow},
		{100, 129, ColourYellow}, {100, 130, ColourOrange}, {100, 70, ColourOrange}, {100, 149, ColourOrange},
		{100, 150, ColourRed}, {100, 40, ColourRed}, {-100, -160, ColourRed}, {100, 100, ColourNone},
	}
	for _, c := range cases {
		r, err := deviationAlert(&deviationIn{Metrics: []deviationMetric{{Name: "m", Plan: c.plan, Actual: c.actual}}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Metrics[0].Colour != c.want {
			t.Errorf("plan %g actual %g: got %s (%g), want %s", c.plan, c.actual, r.Metrics[0].Colour, r.Metrics[0].Deviation, c.want)
		}
	}
}

func TestStockLevelAlert(t *testing.T) {
	cases := []struct {
		in   stockLevelIn
		want StockLevel
		ord  float64
	}{
		{stockLevelIn{OnHand: 0, SafetyStock: 10, ReorderPoint: 30, OrderUpTo: 60}, LevelStockout, 60},
		{stockLevelIn{OnHand: 8, OnOrder: 20, SafetyStock: 10, ReorderPoint: 30, OrderUpTo: 60, CasePack: 12}, LevelBelowSafetyStock, 36},
		{stockLevelIn{OnHand: 25, SafetyStock: 10, ReorderPoint: 30, OrderUpTo: 60}, LevelBelowReorderPoint, 35},
		{stockLevelIn{OnHand: 25, OnOrder: 30, SafetyStock: 10, ReorderPoint: 30, OrderUpTo: 60}, LevelOK, 5},
		{stockLevelIn{OnHand: 50, SafetyStock: 10, ReorderPoint: 30}, LevelOK, 0},
	}
	for i, c := range cases {
		r, err := stockLevelAlert(&c.in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Level != c.want || r.SuggestedOrder != c.ord {
			t.Errorf("case %d: got %s order %g, want %s order %g", i, r.Level, r.SuggestedOrder, c.want, c.ord)
		}
	}
}

func TestExpiryAlert(t *testing.T) {
	in := &expiryIn{
		Lots:          []expiryLot{{LotID: "late", Quantity: 40, DaysLeft: 6}, {LotID: "soon", Quantity: 30, DaysLeft: 2}},
		DemandPerDay:  5,
		ThresholdDays: 2,
	}
	r, err := expiryAlert(in)
	if err != nil {
		t.Fatal(err)
	}
	// Lot "soon": E[(30 − D)+], D ~ Poisson(10), by direct summation.
	want := 0.0
	for k := 0; k < 30; k++ {
		want += float64(30-k) * poissonPMF(k, 10)
	}
	soon := r.Lots[1]
	if math.Abs(soon.ExpectedUnsold-want) > 1e-9 || !soon.NearExpiry || !soon.Promote || soon.PromoteQuantity != math.Ceil(want) {
		t.Errorf("soon: %+v, want unsold %g and a promotion", soon, want)
	}
	if late := r.Lots[0]; late.NearExpiry || late.Promote {
		t.Errorf("late: %+v, want no alert", late)
	}
}

// simulateFEFO sells lots first-expiring-first for runs runs of daily
// demand drawn by draw, throwing each lot's rest away when it expires, and
// returns each lot's mean leftover.
func simulateFEFO(r *rand.Rand, lots []expiryLot, draw func(*rand.Rand) float64, runs int) []float64 {
	idx := make([]int, len(lots))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return lots[idx[a]].DaysLeft < lots[idx[b]].DaysLeft })
	last := lots[idx[len(idx)-1]].DaysLeft
	out := make([]float64, len(lots))
	left := make([]float64, len(lots))
	for range runs {
		for i, l := range lots {
			left[i] = l.Quantity
		}
		for t := 0; t <= last; t++ {
			for _, i := range idx { // expiries at t
				if lots[i].DaysLeft == t {
					out[i] += left[i]
					left[i] = 0
				}
			}
			if t == last {
				break
			}
			d := draw(r)
			for _, i := range idx {
				take := math.Min(d, left[i])
				left[i] -= take
				d -= take
			}
		}
	}
	for i := range out {
		out[i] /= float64(runs)
	}
	return out
}

// TestExpiryAlertFEFO checks the expected leftovers against a simulation
// of first-expired-first-out selling, for Poisson and normal demand: a
// lot's waste is thrown away when it expires and frees the later lots'
// demand, which pooling the lots (the former model) ignored.
func TestExpiryAlertFEFO(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	lots := []expiryLot{{LotID: "c", Quantity: 25, DaysLeft: 5}, {LotID: "a", Quantity: 10, DaysLeft: 1},
		{LotID: "b", Quantity: 10, DaysLeft: 3}, {LotID: "b2", Quantity: 6, DaysLeft: 3}}
	poisson := func(lambda float64) func(*rand.Rand) float64 {
		return func(r *rand.Rand) float64 { // Knuth
			l, k, p := math.Exp(-lambda), 0.0, 1.0
			for {
				p *= r.Float64()
				if p <= l {
					return k
				}
				k++
			}
		}
	}
	normal := func(mu, sd float64) func(*rand.Rand) float64 {
		return func(r *rand.Rand) float64 { return math.Max(0, mu+sd*r.NormFloat64()) }
	}
	for _, c := range []struct {
		name     string
		mean, sd float64
		draw     func(*rand.Rand) float64
		tol      float64
	}{
		{"poisson", 4, 0, poisson(4), 0.05},
		{"normal", 4, 1.5, normal(4, 1.5), 0.12},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := expiryAlert(&expiryIn{Lots: lots, DemandPerDay: c.mean, DemandSDDay: c.sd, ThresholdDays: 3})
			if err != nil {
				t.Fatal(err)
			}
			sim := simulateFEFO(r, lots, c.draw, 200_000)
			total := 0.0
			for i, it := range res.Lots {
				total += it.ExpectedUnsold
				if math.Abs(it.ExpectedUnsold-sim[i]) > c.tol {
					t.Errorf("lot %s: expected unsold %.4f, simulated %.4f", it.LotID, it.ExpectedUnsold, sim[i])
				}
			}
			if math.Abs(total-res.ExpectedWasteTotal) > 1e-9 {
				t.Errorf("total %g, lots sum to %g", res.ExpectedWasteTotal, total)
			}
		})
	}
}
