package nightly

import (
	"fmt"
	"math"

	"fulfil/solver/stock"
)

// Alert levels: the three deviation colours; an event that breaks a rule
// (a late truck, a short fleet) is red.
const (
	Yellow = "yellow"
	Orange = "orange"
	Red    = "red"
)

// Alert kinds.
const (
	AlertForecast    = "demand_vs_forecast" // tonight's orders against the forecast, per SKU
	AlertFill        = "fill"               // units delivered against units accepted, per SKU
	AlertNotFormed   = "activity_not_formed"
	AlertRedLine     = "after_red_line"
	AlertColdShort   = "cold_capacity_short"
	AlertFleetShort  = "fleet_short"
	AlertLateWave    = "late_wave"
	AlertLateStop    = "late_stop"
	AlertStockLevel  = "stock_level"
	AlertRoundedDown = "case_pack_rounded_down"
)

// Alert is one thing an operator should look at. Deviation alerts carry
// the planned and actual values and the deviation in percent.
type Alert struct {
	Level        string  `json:"level"`
	Kind         string  `json:"kind"`
	Subject      string  `json:"subject"`
	Plan         float64 `json:"plan,omitempty"`
	Actual       float64 `json:"actual,omitempty"`
	DeviationPct float64 `json:"deviation_pct,omitempty"`
	Message      string  `json:"message"`
}

// colour grades a relative deviation against the thresholds; "" below
// yellow.
func colour(dev float64, opt Options) string {
	a := math.Abs(dev) + 1e-12 // 10 % computed in floating point is yellow
	switch {
	case a >= opt.Red:
		return Red
	case a >= opt.Orange:
		return Orange
	case a >= opt.Yellow:
		return Yellow
	}
	return ""
}

// alerts collects the night's alerts, worst kinds first.
func (p *Plan) alerts(in *Input, ix *index, opt Options) {
	add := func(level, kind, subject, format string, args ...any) *Alert {
		p.Alerts = append(p.Alerts, Alert{Level: level, Kind: kind, Subject: subject, Message: fmt.Sprintf(format, args...)})
		return &p.Alerts[len(p.Alerts)-1]
	}
	for _, c := range p.Routing.ColdShort {
		add(Red, AlertColdShort, c.Warehouse, "cold deliveries from %s need %.0f kg and %.1f m³, booked refrigerated trucks hold %.0f kg and %.1f m³ (%d refrigerated trucks not booked): book more refrigeration 48 h ahead",
			c.Warehouse, c.NeedKg, c.NeedM3, c.BookedKg, c.BookedM3, c.Unbooked)
	}
	// A short fleet, per warehouse, with the trucks idle there.
	type short struct {
		n  int
		kg float64
	}
	shortAt := make([]short, len(in.Warehouses))
	for _, i := range p.Routing.Unrouted {
		d := p.Allocation.Deliveries[i]
		w := ix.warehouse[d.Warehouse]
		shortAt[w].n++
		shortAt[w].kg += d.WeightKg
	}
	used := map[string]bool{}
	for _, t := range p.Routing.Trips {
		used[t.Truck] = true
	}
	for w, wh := range in.Warehouses {
		if shortAt[w].n == 0 {
			continue
		}
		idle := 0
		for _, t := range in.Trucks {
			if t.Warehouse == wh.ID && !used[t.ID] {
				idle++
			}
		}
		add(Red, AlertFleetShort, wh.ID, "the fleet of %s is short: %d deliveries (%.0f kg) have no truck by %s (%d of its trucks idle, none fits them); %s: add or book trucks, or move the deadline",
			wh.ID, shortAt[w].n, shortAt[w].kg, clock(float64(in.DeadlineS)), idle, tripsNote(opt.MaxTrips))
	}
	for _, ww := range p.Waves {
		for _, s := range ww.Schedule {
			if s.LateS > 0 {
				add(Red, AlertLateWave, ww.Warehouse+"/"+s.Wave, "wave %s at %s finishes picking at %s, %s after truck %s was to leave on trip %d at %s (%d pickers)",
					s.Wave, ww.Warehouse, clock(s.FinishS), minutes(s.LateS), s.Truck, s.Trip, clock(s.DepartureS), ww.Pickers)
			}
		}
	}
	for _, t := range p.Routing.Trips {
		for _, s := range t.Stops {
			if s.LateS > 0 {
				add(Red, AlertLateStop, s.PickupPoint, "%s: truck %s (trip %d) unloads until %s, %s after the %s deadline (it leaves %s late)",
					s.PickupPoint, t.Truck, t.Trip, clock(s.DelayedFinishS), minutes(s.LateS), clock(float64(in.DeadlineS)), minutes(t.DelayS))
			}
		}
	}
	for _, a := range p.Rules.failedActivities() {
		add(Orange, AlertNotFormed, a.Activity, "activity %s did not form: %d orders, threshold %d; its orders are not fulfilled (listed in cancelled.csv)",
			a.Activity, a.Orders, a.ThresholdOrders)
	}
	late := map[string]int64{}
	for _, c := range p.Rules.Cancelled {
		if c.Reason == ReasonAfterRedLine {
			late[in.SKUs[ix.sku[c.SKU]].Category] += c.Quantity
		}
	}
	for _, r := range p.Rules.RedLines {
		if u := late[r.Category]; u > 0 {
			add(Yellow, AlertRedLine, r.Category, "%d units of %s were ordered after its red line %s (first truck %s less %s preparation): deferred to the next run",
				u, r.Category, clock(float64(r.CutoffS)), clock(float64(r.FirstDepartureS)), minutes(float64(r.PrepS)))
		}
	}
	// Deviations per SKU: orders against the forecast, deliveries against
	// what was accepted.
	nk := len(in.SKUs)
	ordered, accepted, delivered := make([]int64, nk), make([]int64, nk), make([]int64, nk)
	for _, o := range in.Orders {
		for _, l := range o.Lines {
			ordered[ix.sku[l.SKU]] += l.Quantity
		}
	}
	for _, d := range p.Rules.Accepted {
		accepted[ix.sku[d.SKU]] += d.Units
	}
	for k, u := range p.deliveredBySKU(ix) {
		delivered[k] = u
	}
	for k, sk := range in.SKUs {
		if f := sk.ForecastUnits; f > 0 {
			dev := float64(ordered[k]-f) / float64(f)
			if c := colour(dev, opt); c != "" {
				a := add(c, AlertForecast, sk.ID, "%s: %d units ordered against a forecast of %d (%+.0f %%)", sk.ID, ordered[k], f, 100*dev)
				a.Plan, a.Actual, a.DeviationPct = float64(f), float64(ordered[k]), round1(100*dev)
			}
		}
		if accepted[k] > 0 {
			dev := float64(delivered[k]-accepted[k]) / float64(accepted[k])
			if c := colour(dev, opt); c != "" {
				a := add(c, AlertFill, sk.ID, "%s: %d of %d accepted units delivered (%+.0f %%); see shortages.csv", sk.ID, delivered[k], accepted[k], 100*dev)
				a.Plan, a.Actual, a.DeviationPct = float64(accepted[k]), float64(delivered[k]), round1(100*dev)
			}
		}
	}
	for i, r := range p.Replenishment.Results {
		o := p.Replenishment.Orders[i]
		if o.RoundedDown {
			add(Yellow, AlertRoundedDown, r.SKU+"@"+r.Warehouse, "%s at %s: %s", r.SKU, r.Warehouse, o.Note)
		}
		switch r.Level {
		case stock.LevelStockout:
			add(Orange, AlertStockLevel, r.SKU+"@"+r.Warehouse, "%s at %s: none left after tonight; order %g, lead time %g d", r.SKU, r.Warehouse, o.Quantity, p.Replenishment.Rows[i].LeadTimeDays)
		case stock.LevelBelowSafetyStock:
			add(Yellow, AlertStockLevel, r.SKU+"@"+r.Warehouse, "%s at %s: %.0f on hand after tonight, below the safety stock %.0f; order %g",
				r.SKU, r.Warehouse, p.Replenishment.Rows[i].OnHand, r.SafetyStock, o.Quantity)
		}
	}
	rank := map[string]int{Red: 0, Orange: 1, Yellow: 2}
	sortBy(p.Alerts, func(a Alert) (int, int) { return rank[a.Level], 0 })
}

// deliveredBySKU sums the units on trucks per SKU index.
func (p *Plan) deliveredBySKU(ix *index) map[int]int64 {
	out := map[int]int64{}
	for _, t := range p.Routing.Trips {
		for _, s := range t.Stops {
			for _, l := range p.Allocation.Deliveries[s.Delivery].Lines {
				out[ix.sku[l.SKU]] += l.Quantity
			}
		}
	}
	return out
}

// tripsNote says how many trips the routing allowed each truck.
func tripsNote(maxTrips int) string {
	if maxTrips > 1 {
		return fmt.Sprintf("routing allowed up to %d trips per truck, reloading only at its own warehouse", maxTrips)
	}
	return "routing planned one trip per truck (options.max_trips allows more)"
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
