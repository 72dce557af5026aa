package vrp

import "fulfil/solver"

// Output is a routing plan: one Route per vehicle used, the stops left
// unserved with a reason each, totals, the progress trace and run stats.
type Output struct {
	// Feasible is true when every route respects capacity, time windows,
	// shifts, duration, distance, stop and skill limits, and every mandatory
	// stop is served. Lateness and overload are then 0.
	Feasible bool `json:"feasible"`
	// Cost is the objective: fixed vehicle costs + distance and time costs +
	// penalties of unserved optional stops. Unserved mandatory stops add
	// nothing here; they make the plan infeasible.
	Cost         float64 `json:"cost"`
	VehiclesUsed int     `json:"vehicles_used"`
	DistanceM    float64 `json:"distance_m"`
	DurationS    float64 `json:"duration_s"` // sum of route durations
	WaitS        float64 `json:"wait_s"`     // sum of waiting before windows open
	// LatenessS sums service starts after a stop's last window and returns
	// after a shift or depot closes; OverloadKg, OverloadM3 and
	// OverloadUnits sum load above capacity. All 0 in a feasible plan.
	LatenessS     float64       `json:"lateness_s"`
	OverloadKg    float64       `json:"overload_kg"`
	OverloadM3    float64       `json:"overload_m3"`
	OverloadUnits int64         `json:"overload_units"`
	Routes        []Route       `json:"routes"`
	Unassigned    []Unassigned  `json:"unassigned"`
	Trace         []TracePoint  `json:"trace,omitempty"`
	Stats         solver.Stats  `json:"stats"`
	Search        SearchSummary `json:"search"`
}

// Route is the work of one vehicle.
type Route struct {
	// Vehicle is the id of the vehicle type and Index which of its Count
	// vehicles (0-based) drives the route.
	Vehicle    string  `json:"vehicle"`
	Index      int     `json:"index"`
	StartDepot string  `json:"start_depot"`
	EndDepot   string  `json:"end_depot,omitempty"` // empty for an open end
	StartS     float64 `json:"start_s"`             // leaving the start depot
	EndS       float64 `json:"end_s"`               // arriving at the end depot (or leaving the last stop)
	Visits     []Visit `json:"visits"`
	DistanceM  float64 `json:"distance_m"`
	DurationS  float64 `json:"duration_s"`
	WaitS      float64 `json:"wait_s"`
	Load       Load    `json:"load"` // total delivered on the route (a shipment counts once)
	Cost       float64 `json:"cost"` // fixed + distance + time cost of this route
}

// Visit is one stop on a route, with its schedule, or a reload between
// two trips.
type Visit struct {
	// Stop is the stop's id, for a reload the depot's, for a break the
	// break's.
	Stop string `json:"stop"`
	// Reload marks a return to the start depot to reload between trips
	// (Vehicle.MaxTrips); its service is the depot's ReloadS.
	Reload bool `json:"reload,omitempty"`
	// Break marks a driver's break (Vehicle.Breaks): Stop is its id,
	// StartS to DepartureS its time, where the vehicle is.
	Break      bool    `json:"break,omitempty"`
	ArrivalS   float64 `json:"arrival_s"`
	StartS     float64 `json:"start_s"` // service start: max(arrival, window start)
	DepartureS float64 `json:"departure_s"`
	WaitS      float64 `json:"wait_s"`
}

// Unassigned is a stop the plan does not serve, and why.
type Unassigned struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// TracePoint is one step of the search's progress: when the best plan
// improved, or a periodic report.
type TracePoint struct {
	TimeS     float64 `json:"time_s"`
	Iteration int64   `json:"iteration"`
	// BestCost is the cost of the best feasible plan so far; HasFeasible is
	// false (and BestCost 0) before one is found.
	BestCost    float64 `json:"best_cost"`
	HasFeasible bool    `json:"has_feasible"`
	// FeasibleShare is the share of recent offspring that were feasible
	// after local search.
	FeasibleShare float64 `json:"feasible_share"`
}

// SearchSummary says which search produced the plan.
type SearchSummary struct {
	// Method is "hgs" (hybrid genetic search), "exact" (enumeration, for
	// up to 8 stops: the plan is optimal) or "savings" (Clarke–Wright with
	// route improvement).
	Method string `json:"method"`
	// Restarts counts population restarts over all workers.
	Restarts int `json:"restarts"`
}
