package reroute

import (
	"fmt"
	"math"

	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// Request is a day in progress to re-route: the problem planned, the plan
// being driven, where the vehicles are now and what happened.
type Request struct {
	// Input is the routing problem the plan answered (times on its clock).
	// Every vehicle has count 1: a re-route names each truck.
	Input vrp.Input `json:"input"`
	// Plan is the answer being driven (an earlier vrp.Output or Answer.Plan).
	Plan vrp.Output `json:"plan"`
	// State is the road now.
	State State `json:"state"`
	// Events are what changed since the plan was made.
	Events Events `json:"events"`
	// Options tune the re-route.
	Options Options `json:"options"`
}

// State is the road at NowS.
type State struct {
	// NowS is the clock, on the Input's time scale.
	NowS float64 `json:"now_s"`
	// Vehicles give the state of some vehicles; a vehicle not listed is
	// where the plan puts it at NowS (stops departed from are served, the
	// stop it is at is in service, between two places it is on the
	// straight line, in proportion of time).
	Vehicles []VehicleState `json:"vehicles,omitempty"`
}

// VehicleState is one vehicle's state, as its driver reports it.
type VehicleState struct {
	Vehicle string `json:"vehicle"`
	// AtDepot says the vehicle stands at its depot, loaded with nothing
	// (not gone yet, or back): it can load any stop of that depot.
	AtDepot bool `json:"at_depot,omitempty"`
	// Location is where it is; required unless AtDepot.
	Location *geo.Point `json:"location,omitempty"`
	// Served lists the stops of its route it has served.
	Served []string `json:"served,omitempty"`
	// Next is the stop it is driving to or standing at; empty: none (it is
	// driving back). RemainingServiceS, when set, says service at Next has
	// begun and lasts this much longer.
	Next              string   `json:"next,omitempty"`
	RemainingServiceS *float64 `json:"remaining_service_s,omitempty"`
}

// Events are the changes a re-route takes into account.
type Events struct {
	// Traffic slows (factor > 1) travel in a zone over an interval.
	Traffic []Traffic `json:"traffic,omitempty"`
	// Breakdowns are vehicles out of service where they stand: their goods
	// are transferred to another vehicle or re-sent from the depot.
	Breakdowns []string `json:"breakdowns,omitempty"`
	// NewStops are orders added to the day, loaded at a depot.
	NewStops []vrp.Stop `json:"new_stops,omitempty"`
	// Cancelled are stops no longer to serve.
	Cancelled []string `json:"cancelled,omitempty"`
	// Windows replace the time windows of stops.
	Windows []WindowChange `json:"windows,omitempty"`
}

// Traffic is a slowdown: the zone is Cells (H3 ids) or the disc of RadiusM
// around Center (covered at TrafficRes), over [StartS, EndS).
type Traffic struct {
	Cells   []string   `json:"cells,omitempty"`
	Center  *geo.Point `json:"center,omitempty"`
	RadiusM float64    `json:"radius_m,omitempty"`
	StartS  float64    `json:"start_s"`
	EndS    float64    `json:"end_s"`
	Factor  float64    `json:"factor"`
}

// WindowChange gives a stop new time windows.
type WindowChange struct {
	Stop        string           `json:"stop"`
	TimeWindows []vrp.TimeWindow `json:"time_windows"`
}

// Options tune a re-route.
type Options struct {
	// ThresholdS is the arrival change that earns a notice; 0:
	// DefaultThresholdS (600).
	ThresholdS float64 `json:"threshold_s,omitempty"`
	// MovePrice is the cost of moving one planned stop to another vehicle:
	// a candidate plan that moves more stops must save that much more; 0:
	// DefaultMovePrice.
	MovePrice float64 `json:"move_price,omitempty"`
	// TimeLimitS bounds the whole re-route; 0: 0.05 (50 ms).
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	// TransferS is the time to move a broken vehicle's goods onto another
	// where it stands; 0: 900. ReloadS is the time to re-pick and load them
	// at the depot; 0: 1200.
	TransferS float64 `json:"transfer_s,omitempty"`
	ReloadS   float64 `json:"reload_s,omitempty"`
	// NoResend forbids re-sending goods from the depot (no stock to
	// re-pick them): a broken vehicle's goods are transferred or unserved.
	NoResend bool `json:"no_resend,omitempty"`
	// ColdStart solves from scratch instead of warm-starting from the plan
	// (the "resolve" policy of a day simulation).
	ColdStart bool `json:"cold_start,omitempty"`
	// Seed and Threads are passed to the solver (0 Threads: 1, so that a
	// re-route is repeatable and leaves cores to the others).
	Seed    uint64 `json:"seed,omitempty"`
	Threads int    `json:"threads,omitempty"`
}

// Defaults of Options.
const (
	DefaultMovePrice  = 2000.0
	DefaultTimeLimitS = 0.05
	DefaultTransferS  = 900.0
	DefaultReloadS    = 1200.0
)

// withDefaults fills the zero fields.
func (o Options) withDefaults() Options {
	if o.ThresholdS == 0 {
		o.ThresholdS = DefaultThresholdS
	}
	if o.MovePrice == 0 {
		o.MovePrice = DefaultMovePrice
	}
	if o.TimeLimitS == 0 {
		o.TimeLimitS = DefaultTimeLimitS
	}
	if o.TransferS == 0 {
		o.TransferS = DefaultTransferS
	}
	if o.ReloadS == 0 {
		o.ReloadS = DefaultReloadS
	}
	if o.Threads == 0 {
		o.Threads = 1
	}
	return o
}

// Validate checks the options; field paths are relative to them.
func (o Options) Validate() error {
	var v solver.Violations
	for _, f := range []struct {
		name string
		x    float64
	}{{"threshold_s", o.ThresholdS}, {"move_price", o.MovePrice}, {"time_limit_s", o.TimeLimitS},
		{"transfer_s", o.TransferS}, {"reload_s", o.ReloadS}} {
		if math.IsNaN(f.x) || math.IsInf(f.x, 0) || f.x < 0 {
			v.Add(f.name, "must be a finite number >= 0, got %g", f.x)
		}
	}
	if o.Threads < 0 {
		v.Add("threads", "must be >= 0, got %d", o.Threads)
	}
	return v.Err()
}

// validate checks what the solver will not see: the state and events
// against the input and the plan. Stops and vehicles are then checked
// again by vrp.Solve on the built input.
func (rq *Request) validate() error {
	var v solver.Violations
	finite := func(field string, x float64, lo float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < lo {
			v.Add(field, "must be a finite number >= %g, got %g", lo, x)
		}
	}
	if err := rq.Options.Validate(); err != nil {
		return solver.Under("options", err)
	}
	finite("state.now_s", rq.State.NowS, 0)

	in := &rq.Input
	veh := map[string]int{}
	for t, vh := range in.Vehicles {
		veh[vh.ID] = t
		if vh.Count != 1 {
			v.Add(fmt.Sprintf("input.vehicles[%d].count", t), "re-routing names each truck: must be 1, got %d", vh.Count)
		}
		if vh.MaxTrips > 1 {
			v.Add(fmt.Sprintf("input.vehicles[%d].max_trips", t), "re-routing a multi-trip plan is not supported, got %d", vh.MaxTrips)
		}
		if vh.StartLocation != nil || vh.StartIndex != nil || len(vh.FixedSequence) > 0 || len(vh.OnBoard) > 0 {
			v.Add(fmt.Sprintf("input.vehicles[%d]", t), "must be the planned vehicle (start_depot): the road's state goes in state")
		}
	}
	if len(in.Profiles) > 0 {
		v.Add("input.profiles", "re-routing needs locations (travel), not matrices")
	}
	stops := map[string]bool{}
	for _, s := range in.Stops {
		stops[s.ID] = true
		if s.DeliverTo != "" {
			v.Add("input.stops", "re-routing shipments (deliver_to) is not supported")
			break
		}
	}
	routeOf := map[string]string{}
	for r, rt := range rq.Plan.Routes {
		if _, ok := veh[rt.Vehicle]; !ok {
			v.Add(fmt.Sprintf("plan.routes[%d].vehicle", r), "unknown vehicle %q", rt.Vehicle)
		}
		for k, vis := range rt.Visits {
			if vis.Reload {
				v.Add(fmt.Sprintf("plan.routes[%d].visits[%d]", r, k), "re-routing a multi-trip plan is not supported")
				continue
			}
			if !stops[vis.Stop] {
				v.Add(fmt.Sprintf("plan.routes[%d].visits[%d].stop", r, k), "unknown stop %q", vis.Stop)
			} else if _, dup := routeOf[vis.Stop]; dup {
				v.Add(fmt.Sprintf("plan.routes[%d].visits[%d].stop", r, k), "stop %q is served twice", vis.Stop)
			}
			routeOf[vis.Stop] = rt.Vehicle
		}
	}
	seen := map[string]bool{}
	for i, vs := range rq.State.Vehicles {
		f := fmt.Sprintf("state.vehicles[%d]", i)
		if _, ok := veh[vs.Vehicle]; !ok {
			v.Add(f+".vehicle", "unknown vehicle %q", vs.Vehicle)
		} else if seen[vs.Vehicle] {
			v.Add(f+".vehicle", "vehicle %q appears twice", vs.Vehicle)
		}
		seen[vs.Vehicle] = true
		if vs.AtDepot && (vs.Location != nil || vs.Next != "") {
			v.Add(f+".at_depot", "a vehicle at its depot has no location or next stop")
		}
		if !vs.AtDepot {
			if vs.Location == nil {
				v.Add(f+".location", "required unless at_depot")
			} else if msg := geo.CheckPoint(*vs.Location); msg != "" {
				v.Add(f+".location", "%s", msg)
			}
		}
		for k, id := range vs.Served {
			if routeOf[id] != vs.Vehicle {
				v.Add(fmt.Sprintf("%s.served[%d]", f, k), "stop %q is not on this vehicle's route", id)
			}
		}
		if vs.Next != "" && routeOf[vs.Next] != vs.Vehicle {
			v.Add(f+".next", "stop %q is not on this vehicle's route", vs.Next)
		}
		if r := vs.RemainingServiceS; r != nil {
			finite(f+".remaining_service_s", *r, 0)
			if vs.Next == "" {
				v.Add(f+".remaining_service_s", "needs next (the stop in service)")
			}
		}
	}
	ev := &rq.Events
	for i, tr := range ev.Traffic {
		f := fmt.Sprintf("events.traffic[%d]", i)
		if (len(tr.Cells) > 0) == (tr.Center != nil) {
			v.Add(f, "give either cells or center and radius_m")
		}
		if tr.Center != nil {
			if msg := geo.CheckPoint(*tr.Center); msg != "" {
				v.Add(f+".center", "%s", msg)
			}
			if !(tr.RadiusM > 0 && tr.RadiusM <= maxRadiusM) {
				v.Add(f+".radius_m", "must be in (0, %g], got %g", maxRadiusM, tr.RadiusM)
			}
		}
		if !(tr.Factor > 0 && tr.Factor <= maxFactor) {
			v.Add(f+".factor", "must be in (0, %g], got %g", maxFactor, tr.Factor)
		}
		finite(f+".start_s", tr.StartS, 0)
		if !(tr.EndS > tr.StartS) || math.IsInf(tr.EndS, 0) {
			v.Add(f+".end_s", "must be finite and after start_s (%g), got %g", tr.StartS, tr.EndS)
		}
	}
	for i, id := range ev.Breakdowns {
		if _, ok := veh[id]; !ok {
			v.Add(fmt.Sprintf("events.breakdowns[%d]", i), "unknown vehicle %q", id)
		}
	}
	for i, s := range ev.NewStops {
		if stops[s.ID] {
			v.Add(fmt.Sprintf("events.new_stops[%d].id", i), "stop %q already exists", s.ID)
		}
		if s.DeliverTo != "" || s.RemainingServiceS != nil || s.Vehicle != "" {
			v.Add(fmt.Sprintf("events.new_stops[%d]", i), "a new stop is a plain delivery (no deliver_to, remaining_service_s or vehicle)")
		}
		stops[s.ID] = true
	}
	for i, id := range ev.Cancelled {
		if !stops[id] {
			v.Add(fmt.Sprintf("events.cancelled[%d]", i), "unknown stop %q", id)
		}
	}
	for i, w := range ev.Windows {
		if !stops[w.Stop] {
			v.Add(fmt.Sprintf("events.windows[%d].stop", i), "unknown stop %q", w.Stop)
		}
	}
	return v.Err()
}
