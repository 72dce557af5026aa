package vrp

import (
	"fmt"

	"fulfil/solver"
)

// trips.go holds multi-trip routes (Vehicle.MaxTrips): a vehicle comes
// back to its start depot, reloads (Depot.ReloadS) and goes out again. In
// the model a reload is the start depot's node inside a route's sequence,
// a visit with the depot's window and the reload time as service, so that
// drive, the segments' timing and the Output need nothing new; capacity
// holds per trip (peakLoad). Inputs with several trips are searched by
// ruinrecreate.go, which opens a trip when a job fits nowhere else and
// drops a reload when the trips it joins fit in one.

// validateTrips checks Vehicle.MaxTrips and Depot.ReloadS.
func validateTrips(v *solver.Violations, in *Input) {
	for d, dp := range in.Depots {
		if dp.ReloadS < 0 || dp.ReloadS != dp.ReloadS || dp.ReloadS > 1e12 {
			v.Add(fmt.Sprintf("depots[%d].reload_s", d), "must be a finite number >= 0, got %g", dp.ReloadS)
		}
	}
	for t, vh := range in.Vehicles {
		f := fmt.Sprintf("vehicles[%d]", t)
		if vh.MaxTrips < 0 {
			v.Add(f+".max_trips", "must be >= 0, got %d", vh.MaxTrips)
		}
		if vh.MaxTrips <= 1 {
			continue
		}
		const why = "not supported with max_trips > 1"
		if vh.StartLocation != nil || vh.StartIndex != nil {
			v.Add(f+".start_location", "%s: reloads are at the start depot", why)
		}
		if len(vh.FixedSequence) > 0 {
			v.Add(f+".fixed_sequence", "%s", why)
		}
		if len(vh.OnBoard) > 0 {
			v.Add(f+".on_board", "%s", why)
		}
	}
	if multiTrip(in) && len(in.InitialRoutes) > 0 {
		v.Add("initial_routes", "not supported with max_trips > 1")
	}
}

// multiTrip reports whether some vehicle may drive several trips.
func multiTrip(in *Input) bool {
	for _, vh := range in.Vehicles {
		if vh.MaxTrips > 1 {
			return true
		}
	}
	return false
}

// compileTrips sets each type's trip limit and the depots' reload times as
// their service.
func (m *model) compileTrips(in *Input) {
	if !multiTrip(in) {
		return
	}
	m.trips = true
	for ti, vh := range in.Vehicles {
		m.types[ti].maxTrips = max(vh.MaxTrips, 1)
	}
	for d, dp := range in.Depots {
		m.service[d] = upModel(dp.ReloadS)
	}
}

// isReload reports whether node i in a route is a reload (a depot).
func (m *model) isReload(i int32) bool { return int(i) < m.nd }
