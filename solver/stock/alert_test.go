package stock

import (
	"math"
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
