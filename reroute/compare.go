package reroute

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"fulfil/solver/vrp"
)

// DefaultThresholdS is the arrival change that earns a pickup point a
// notice: 10 minutes, the business's promise.
const DefaultThresholdS = 600

// Notice reasons.
const (
	NoticeMoved    = "moved"    // the arrival moved by at least the threshold
	NoticeLate     = "late"     // the arrival is after the stop's last window closes
	NoticeUnserved = "unserved" // the stop was planned and no longer is
)

// StopETA is one stop's arrival in the new plan beside the one in the
// previous plan. Vehicles are named as in vrp.Route: the vehicle id and,
// for a type with a count, its index.
type StopETA struct {
	Stop         string   `json:"stop"`
	Vehicle      string   `json:"vehicle"`
	Index        int      `json:"index"`
	Seq          int      `json:"seq"` // 0-based position on the new route
	ETAS         float64  `json:"eta_s"`
	PrevVehicle  string   `json:"prev_vehicle,omitempty"` // empty: not in the previous plan
	PrevIndex    int      `json:"prev_index"`
	PrevSeq      int      `json:"prev_seq"`
	PrevETAS     *float64 `json:"prev_eta_s,omitempty"`
	ChangeS      float64  `json:"change_s"`                // ETAS - PrevETAS; 0 for a new stop
	LateS        float64  `json:"late_s"`                  // arrival after its last window's end
	Moved        bool     `json:"moved,omitempty"`         // on another vehicle than before
	Resequenced  bool     `json:"resequenced,omitempty"`   // same vehicle, another predecessor
	DueS         *float64 `json:"due_s,omitempty"`         // its last window's end, when it has one
	PrevUnserved bool     `json:"prev_unserved,omitempty"` // in the previous plan but unassigned there
}

// Notice tells a pickup point its new arrival.
type Notice struct {
	Stop     string   `json:"stop"`
	Reason   string   `json:"reason"` // moved, late or unserved
	ETAS     *float64 `json:"eta_s,omitempty"`
	PrevETAS *float64 `json:"prev_eta_s,omitempty"`
	ChangeS  float64  `json:"change_s"`
	LateS    float64  `json:"late_s,omitempty"`
}

// Disruption counts what the new plan changed for drivers: stops moved to
// another vehicle, stops that kept their vehicle but not their predecessor,
// stops planned before and now unserved, and stops new to the plan.
type Disruption struct {
	MovedStops       int `json:"moved_stops"`
	ResequencedStops int `json:"resequenced_stops"`
	UnservedStops    int `json:"unserved_stops"`
	NewStops         int `json:"new_stops"`
}

// Diff is Compare's answer.
type Diff struct {
	ETAs       []StopETA  `json:"etas"` // in the new plan's route order
	Notices    []Notice   `json:"notices"`
	Disruption Disruption `json:"disruption"`
}

// CompareOptions tune Compare.
type CompareOptions struct {
	// ThresholdS is the arrival change that earns a notice: a change of
	// exactly ThresholdS does; 0: DefaultThresholdS.
	ThresholdS float64 `json:"threshold_s"`
}

// place is where a stop stands in a plan.
type place struct {
	vehicle    string
	index, seq int
	pred       string // the stop before it on its route, "" for the first
	eta        float64
}

// Compare sets the stops served by next beside their place and arrival in
// prev, and lists the notices and disruption. in gives each stop's windows
// (the last window's end is its due time); it may be nil, and stops it does
// not name have no due time. Stops served by prev that next leaves
// unassigned get an "unserved" notice; stops served by prev that next does
// not mention at all (cancelled) get none.
func Compare(in *vrp.Input, prev, next *vrp.Output, opt CompareOptions) (*Diff, error) {
	if prev == nil || next == nil {
		return nil, fmt.Errorf("reroute: compare needs two plans")
	}
	threshold := opt.ThresholdS
	if threshold == 0 {
		threshold = DefaultThresholdS
	}
	if !(threshold > 0) || math.IsInf(threshold, 0) {
		return nil, fmt.Errorf("reroute: threshold_s must be > 0, got %g", threshold)
	}
	due := dueTimes(in)
	before, err := places(prev, "previous")
	if err != nil {
		return nil, err
	}
	after, err := places(next, "new")
	if err != nil {
		return nil, err
	}
	prevUnassigned := map[string]bool{}
	for _, u := range prev.Unassigned {
		prevUnassigned[u.ID] = true
	}

	d := &Diff{ETAs: make([]StopETA, 0, len(after)), Notices: []Notice{}}
	for _, r := range next.Routes {
		for _, vis := range r.Visits {
			a := after[vis.Stop]
			e := StopETA{Stop: vis.Stop, Vehicle: a.vehicle, Index: a.index, Seq: a.seq, ETAS: a.eta,
				PrevUnserved: prevUnassigned[vis.Stop]}
			if dt, ok := due[vis.Stop]; ok {
				e.DueS = &dt
				e.LateS = max(0, a.eta-dt)
			}
			if b, ok := before[vis.Stop]; ok {
				e.PrevVehicle, e.PrevIndex, e.PrevSeq = b.vehicle, b.index, b.seq
				e.PrevETAS = &b.eta
				e.ChangeS = a.eta - b.eta
				e.Moved = b.vehicle != a.vehicle || b.index != a.index
				e.Resequenced = !e.Moved && b.pred != a.pred
			} else if !e.PrevUnserved {
				d.Disruption.NewStops++
			}
			if e.Moved {
				d.Disruption.MovedStops++
			}
			if e.Resequenced {
				d.Disruption.ResequencedStops++
			}
			d.ETAs = append(d.ETAs, e)
			switch {
			case e.LateS > 0:
				d.Notices = append(d.Notices, Notice{Stop: e.Stop, Reason: NoticeLate, ETAS: &e.ETAS, PrevETAS: e.PrevETAS, ChangeS: e.ChangeS, LateS: e.LateS})
			case e.PrevETAS != nil && math.Abs(e.ChangeS) >= threshold:
				d.Notices = append(d.Notices, Notice{Stop: e.Stop, Reason: NoticeMoved, ETAS: &e.ETAS, PrevETAS: e.PrevETAS, ChangeS: e.ChangeS})
			}
		}
	}
	for _, u := range next.Unassigned {
		if b, ok := before[u.ID]; ok {
			d.Disruption.UnservedStops++
			d.Notices = append(d.Notices, Notice{Stop: u.ID, Reason: NoticeUnserved, PrevETAS: &b.eta})
		}
	}
	slices.SortStableFunc(d.Notices, func(x, y Notice) int { return cmp.Compare(x.Stop, y.Stop) })
	return d, nil
}

// places indexes the stops a plan serves.
func places(out *vrp.Output, which string) (map[string]place, error) {
	m := map[string]place{}
	for ri, r := range out.Routes {
		pred := ""
		for k, vis := range r.Visits {
			if _, dup := m[vis.Stop]; dup {
				return nil, fmt.Errorf("reroute: %s plan: routes[%d].visits[%d].stop: %q is served twice", which, ri, k, vis.Stop)
			}
			m[vis.Stop] = place{vehicle: r.Vehicle, index: r.Index, seq: k, pred: pred, eta: vis.ArrivalS}
			pred = vis.Stop
		}
	}
	return m, nil
}

// dueTimes maps each stop with windows to its last window's end.
func dueTimes(in *vrp.Input) map[string]float64 {
	due := map[string]float64{}
	if in == nil {
		return due
	}
	for _, s := range in.Stops {
		if n := len(s.TimeWindows); n > 0 {
			due[s.ID] = s.TimeWindows[n-1].EndS
		}
	}
	return due
}
