package nightly

import (
	"fmt"
	"slices"
)

// Reasons an order line is not fulfilled tonight.
const (
	ReasonNotFormed    = "activity_not_formed" // its activity stayed below its threshold
	ReasonAfterRedLine = "after_red_line"      // placed after its category's red line
)

// RulesStage applies the group-buy rules to the orders: which activities
// formed, each category's red line, and the lines left out tonight.
type RulesStage struct {
	RedLines   []RedLine        `json:"red_lines"`
	Activities []ActivityResult `json:"activities"`
	// Cancelled lists every order line left out, with its reason.
	Cancelled []CancelledLine `json:"cancelled"`
	// Accepted is the demand kept: units per pickup point and SKU, in input
	// order of pickup points, then SKUs.
	Accepted []Demand    `json:"accepted"`
	Check    CheckReport `json:"check"`
}

// RedLine is a category's latest cut-off: the earliest truck departure
// less the category's preparation time.
type RedLine struct {
	Category        string `json:"category"`
	FirstDepartureS int    `json:"first_departure_s"`
	PrepS           int    `json:"prep_s"`
	CutoffS         int    `json:"cutoff_s"`
}

// ActivityResult says whether an activity formed (成团).
type ActivityResult struct {
	Activity        string `json:"activity"`
	Name            string `json:"name,omitempty"`
	Orders          int    `json:"orders"`
	ThresholdOrders int    `json:"threshold_orders"`
	Formed          bool   `json:"formed"`
}

// CancelledLine is an order line not fulfilled tonight.
type CancelledLine struct {
	Order       string `json:"order"`
	PickupPoint string `json:"pickup_point"`
	Activity    string `json:"activity"`
	SKU         string `json:"sku"`
	Quantity    int64  `json:"quantity"`
	Reason      string `json:"reason"`
}

// Demand is a quantity of one SKU for one pickup point.
type Demand struct {
	PickupPoint string `json:"pickup_point"`
	SKU         string `json:"sku"`
	Units       int64  `json:"units"`
}

// applyRules counts each activity's orders, closes those below their
// threshold, drops lines placed after their category's red line, and sums
// the rest per pickup point and SKU. An activity counts all its orders,
// late ones included: forming the group and catching tonight's trucks are
// separate questions.
func applyRules(in *Input, ix *index) RulesStage {
	var r RulesStage
	first := in.Trucks[0].ShiftStartS
	for _, t := range in.Trucks {
		first = min(first, t.ShiftStartS)
	}
	cutoff := make([]int, len(in.Categories))
	for c, cat := range in.Categories {
		cutoff[c] = first - cat.PrepS
		r.RedLines = append(r.RedLines, RedLine{Category: cat.ID, FirstDepartureS: first, PrepS: cat.PrepS, CutoffS: cutoff[c]})
	}
	orders := make([]int, len(in.Activities))
	for _, o := range in.Orders {
		orders[ix.activity[o.Activity]]++
	}
	for a, act := range in.Activities {
		r.Activities = append(r.Activities, ActivityResult{Activity: act.ID, Name: act.Name, Orders: orders[a],
			ThresholdOrders: act.ThresholdOrders, Formed: orders[a] >= act.ThresholdOrders})
	}
	nk := len(in.SKUs)
	units := make([]int64, len(in.PickupPoints)*nk) // [p*nk+k]
	ordered := make([]int64, nk)
	for _, o := range in.Orders {
		formed := r.Activities[ix.activity[o.Activity]].Formed
		for _, l := range o.Lines {
			k := ix.sku[l.SKU]
			ordered[k] += l.Quantity
			reason := ""
			switch {
			case !formed:
				reason = ReasonNotFormed
			case o.PlacedS != nil && *o.PlacedS > cutoff[ix.category[in.SKUs[k].Category]]:
				reason = ReasonAfterRedLine
			}
			if reason != "" {
				r.Cancelled = append(r.Cancelled, CancelledLine{Order: o.ID, PickupPoint: o.PickupPoint, Activity: o.Activity,
					SKU: l.SKU, Quantity: l.Quantity, Reason: reason})
				continue
			}
			units[ix.point[o.PickupPoint]*nk+k] += l.Quantity
		}
	}
	for p, pp := range in.PickupPoints {
		for k, sk := range in.SKUs {
			if u := units[p*nk+k]; u > 0 {
				r.Accepted = append(r.Accepted, Demand{PickupPoint: pp.ID, SKU: sk.ID, Units: u})
			}
		}
	}
	r.Check = checkRules(in, &r, ordered)
	return r
}

// checkRules recounts from the stage's own lists: per SKU, accepted plus
// cancelled units equal the units ordered; no cancelled line of a formed
// activity is there for any other reason than its red line.
func checkRules(in *Input, r *RulesStage, ordered []int64) CheckReport {
	got := make(map[string]int64, len(in.SKUs))
	for _, d := range r.Accepted {
		got[d.SKU] += d.Units
	}
	formed := make(map[string]bool, len(r.Activities))
	for _, a := range r.Activities {
		formed[a.Activity] = a.Formed
	}
	var bad []string
	for _, c := range r.Cancelled {
		got[c.SKU] += c.Quantity
		if formed[c.Activity] == (c.Reason == ReasonNotFormed) {
			bad = append(bad, fmt.Sprintf("order %s: reason %s for an activity with formed=%v", c.Order, c.Reason, formed[c.Activity]))
		}
	}
	for k, sk := range in.SKUs {
		if got[sk.ID] != ordered[k] {
			bad = append(bad, fmt.Sprintf("%s: accepted + cancelled = %d units, ordered %d", sk.ID, got[sk.ID], ordered[k]))
		}
	}
	if len(bad) > 0 {
		return CheckReport{Violations: bad[:min(len(bad), 20)]}
	}
	return passed()
}

// cancelledBy sums cancelled units by reason, in a fixed order.
func (r *RulesStage) cancelledBy() (notFormed, late int64) {
	for _, c := range r.Cancelled {
		if c.Reason == ReasonNotFormed {
			notFormed += c.Quantity
		} else {
			late += c.Quantity
		}
	}
	return notFormed, late
}

// failedActivities lists the activities that did not form.
func (r *RulesStage) failedActivities() []ActivityResult {
	return slices.DeleteFunc(slices.Clone(r.Activities), func(a ActivityResult) bool { return a.Formed })
}
