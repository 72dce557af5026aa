package vrp

import "fulfil/geo"

// Input is one routing problem: depots, a fleet described by vehicle types,
// stops to serve and how to travel between places. It is the wire contract
// shared by the CLI, the HTTP server and the benchmark converters.
//
// Units: distances in metres (or the benchmark's own distance unit), times in
// seconds after a planning origin chosen by the caller (for example midnight
// or the nightly cut-off), money in any one currency. Benchmark instances
// (CVRPLIB, Solomon) put their dimensionless numbers in the same fields.
type Input struct {
	// Depots are the named places where vehicles start and end: warehouses,
	// and any other start or end location a vehicle needs. At least one.
	Depots []Depot `json:"depots"`
	// Vehicles are vehicle types; each has a Count. At least one.
	Vehicles []Vehicle `json:"vehicles"`
	// Stops are the places to serve. Stop ids are unique and differ from
	// depot ids.
	Stops []Stop `json:"stops"`
	// Travel says how distances and durations are computed from locations
	// when Profiles is empty. Ignored when Profiles is given.
	Travel Travel `json:"travel"`
	// Profiles hold explicit travel matrices. When given, every depot and
	// stop must have MatrixIndex, and each vehicle picks a profile by id
	// (empty: the first profile).
	Profiles []Profile `json:"profiles,omitempty"`
	// InitialRoutes is a plan to start the search from, such as the one
	// being driven when the day changes it (re-routing): the search
	// improves on it, so the answer is never worse than the local optimum
	// it reaches from it, and stops missing from every route are inserted.
	// Output.Routes carry the same fields, so a previous answer can be
	// passed back less the stops served or cancelled. Optional.
	InitialRoutes []InitialRoute `json:"initial_routes,omitempty"`
	// Traffic makes travel time depend on the time of day: each entry
	// slows (factor > 1) or speeds up (< 1) travel over its periods, for
	// the whole map (no Cells) or for the zone its H3 Cells cover. A leg
	// is slowed by the largest factor in force among the whole map's
	// periods and those of the zones of its two ends, and a vehicle
	// leaving later never arrives earlier (Ichoua, Gendreau & Potvin
	// 2003). Times are on the same clock as time windows. Optional.
	Traffic []TrafficZone `json:"traffic,omitempty"`
}

// TrafficZone is a set of speed factors by time of day, for the whole map
// or one zone.
type TrafficZone struct {
	// Cells are H3 cell ids (hex strings such as "8831aa5105fffff") of any
	// resolution; a place is in the zone when it lies in one of them.
	// Resolutions 7 to 9 (about 5 km² to 0.1 km² a cell) suit a district.
	// Empty: the whole map. At most 64 zones with cells.
	Cells []string `json:"cells,omitempty"`
	// Periods are [start_s, end_s) intervals with the factor that
	// multiplies free-flow travel time then (2.0: twice as slow).
	Periods []geo.FactorPeriod `json:"periods"`
}

// Depot is a place where routes start or end.
type Depot struct {
	ID       string    `json:"id"`
	Location geo.Point `json:"location"` // [lng, lat], or planar [x, y] with Travel.Metric "euclidean"
	// MatrixIndex is the row and column of this place in the Profiles
	// matrices. Required when Profiles is given, ignored otherwise.
	MatrixIndex *int `json:"matrix_index,omitempty"`
	// Window is when the depot is open: routes leave it no earlier than
	// Window.StartS and return by Window.EndS (Solomon's depot due time).
	// Nil: always open.
	Window *TimeWindow `json:"window,omitempty"`
	// ReloadS is how long a vehicle of several trips (Vehicle.MaxTrips)
	// takes to reload here between two trips.
	ReloadS float64 `json:"reload_s,omitempty"`
}

// Vehicle is a vehicle type: Count identical vehicles.
type Vehicle struct {
	ID string `json:"id"`
	// Count is how many vehicles of this type exist. 0 means as many as
	// needed (the free fleet size of CVRPLIB and Solomon's distance
	// objective): the solver uses at most one per stop.
	Count int `json:"count"`
	// StartDepot is the id of the depot where each route starts.
	StartDepot string `json:"start_depot"`
	// EndDepot is the id of the depot where each route ends; empty means
	// StartDepot. Ignored when OpenEnd is set.
	EndDepot string `json:"end_depot,omitempty"`
	// OpenEnd makes routes end at their last stop: no return leg.
	OpenEnd bool `json:"open_end,omitempty"`
	// Profile is the id of the travel profile (explicit matrices) this type
	// drives with; empty means the first profile. Must be empty when
	// Profiles is empty.
	Profile string `json:"profile,omitempty"`
	// Capacity limits the load carried on one route. A load dimension is
	// limited only when some vehicle type gives it a positive capacity; in a
	// limited dimension a capacity of 0 means the type carries none of it.
	Capacity Load `json:"capacity"`
	// FixedCost is paid once for each vehicle that serves at least one stop.
	FixedCost float64 `json:"fixed_cost,omitempty"`
	// CostPerM is the cost of one metre driven and CostPerS the cost of one
	// second of route duration (from leaving the start depot to arriving at
	// the end, waiting included). When both are 0 the type costs 1 per metre:
	// the plain distance objective of the benchmarks.
	CostPerM float64 `json:"cost_per_m,omitempty"`
	CostPerS float64 `json:"cost_per_s,omitempty"`
	// Shift is when the vehicle may work: it leaves no earlier than
	// Shift.StartS and must be back by Shift.EndS. Nil: no shift limit.
	Shift *TimeWindow `json:"shift,omitempty"`
	// MaxDurationS bounds a route's duration (travel + service + waiting),
	// as CMT/Golden's DISTANCE bounds distance + service time when travel
	// time equals distance. 0: no limit.
	MaxDurationS float64 `json:"max_duration_s,omitempty"`
	// MaxDistanceM bounds a route's distance. 0: no limit.
	MaxDistanceM float64 `json:"max_distance_m,omitempty"`
	// MaxStops bounds the number of stops on a route. 0: no limit.
	MaxStops int `json:"max_stops,omitempty"`
	// MaxTrips > 1 lets the vehicle come back to its start depot within
	// its shift, reload (Depot.ReloadS) and go out again, up to MaxTrips
	// trips; the search decides where trips end. Capacity holds on each
	// trip: the plain deliveries of a trip are loaded at its start
	// (shipments picked up stay on board). MaxStops, MaxDistanceM and
	// MaxDurationS bound the whole route. 0 or 1: one trip.
	MaxTrips int `json:"max_trips,omitempty"`
	// Breaks are the driver's breaks, sorted by window start: a vehicle
	// that drives a route takes each once, in order, starting within its
	// window, where it is: at its start before leaving or after a visit
	// (after the last, before driving home). Their time counts in the
	// route's duration.
	Breaks []Break `json:"breaks,omitempty"`
	// Skills the vehicle has, such as "refrigerated". A stop may ride only
	// on a vehicle that has all of the stop's Skills.
	Skills []string `json:"skills,omitempty"`

	// The road's state, for re-planning a day in progress. These fields
	// describe one vehicle, so they need Count 1.
	//
	// StartLocation, or StartIndex (its row in the Profiles matrices), is
	// where the vehicle is now, instead of StartDepot (which must then be
	// empty). Such a vehicle needs EndDepot or OpenEnd.
	StartLocation *geo.Point `json:"start_location,omitempty"`
	StartIndex    *int       `json:"start_index,omitempty"`
	// FreeFromS is when the vehicle can leave its start: now, or when it
	// finishes what it is doing. 0: no limit beyond Shift and the depot.
	FreeFromS float64 `json:"free_from_s,omitempty"`
	// OnBoard lists the stops whose goods are already on this vehicle:
	// they are served by it or not at all.
	OnBoard []string `json:"on_board,omitempty"`
	// FixedSequence lists the stops the route begins with, in order: the
	// stop the vehicle is driving to, then the next ones it must keep. The
	// search keeps them in place and plans what follows the last. They
	// ride on this vehicle (as OnBoard). The first may be in service
	// (Stop.RemainingServiceS).
	FixedSequence []string `json:"fixed_sequence,omitempty"`
}

// Stop is a place to serve once.
type Stop struct {
	ID       string    `json:"id"`
	Location geo.Point `json:"location"`
	// MatrixIndex is the row and column of this stop in the Profiles
	// matrices. Required when Profiles is given, ignored otherwise.
	MatrixIndex *int `json:"matrix_index,omitempty"`
	// Demand is what the stop's delivery adds to the vehicle's load.
	Demand Load `json:"demand"`
	// ServiceS is the time spent at the stop once service starts.
	ServiceS float64 `json:"service_s,omitempty"`
	// TimeWindows are the intervals in which service may start, sorted and
	// disjoint. A vehicle arriving early waits for the next window. Empty:
	// any time.
	TimeWindows []TimeWindow `json:"time_windows,omitempty"`
	// Skills the serving vehicle must have.
	Skills []string `json:"skills,omitempty"`
	// Penalty > 0 makes the stop optional: leaving it unserved costs Penalty
	// and makes no answer infeasible. 0: the stop is mandatory.
	Penalty float64 `json:"penalty,omitempty"`
	// Vehicle locks the stop to the vehicle type with this id (to one
	// vehicle when its Count is 1): no other vehicle may serve it.
	Vehicle string `json:"vehicle,omitempty"`
	// RemainingServiceS, when set, says service at the stop has begun and
	// takes this much longer: the stop must be the first of a vehicle's
	// FixedSequence, whose service starts on arrival (its windows were met
	// when it began) and lasts RemainingServiceS instead of ServiceS. A
	// vehicle standing at the stop has StartLocation (or StartIndex) there.
	RemainingServiceS *float64 `json:"remaining_service_s,omitempty"`
	// DeliverTo makes the stop the pickup of a shipment: its Demand is
	// loaded here and carried to the stop with this id, served after it
	// by the same vehicle, where it is unloaded (that stop's Demand must
	// be the same). The vehicle's load then rises and falls along the
	// route and capacity holds at every point. Both stops are served or
	// neither: give both a Penalty (the pair's is their sum) or neither.
	// Empty: a delivery from the start depot (or a shipment's delivery).
	DeliverTo string `json:"deliver_to,omitempty"`
}

// Break is a rest the driver takes once on a route.
type Break struct {
	ID string `json:"id"`
	// Window bounds when the break starts.
	Window    TimeWindow `json:"window"`
	DurationS float64    `json:"duration_s"`
}

// Load is an amount in each capacity dimension. Units counts dimensionless
// items: CVRPLIB and Solomon demand, boxes, crates.
type Load struct {
	WeightKg float64 `json:"weight_kg,omitempty"`
	VolumeM3 float64 `json:"volume_m3,omitempty"`
	Units    int64   `json:"units,omitempty"`
}

// TimeWindow is the closed interval [StartS, EndS] in seconds after the
// planning origin.
type TimeWindow struct {
	StartS float64 `json:"start_s"`
	EndS   float64 `json:"end_s"`
}

// Travel describes matrices computed from locations.
type Travel struct {
	// Metric is "haversine" (great-circle metres between [lng, lat] points,
	// the default when empty) or "euclidean" (planar distance between [x, y],
	// as benchmark sets use).
	Metric string `json:"metric,omitempty"`
	// Rounding applies to euclidean distances: "exact" (default when
	// empty), "nint" (nearest integer, CVRPLIB EUC_2D) or "trunc1"
	// (truncated to one decimal, CVRPLIB's Solomon convention).
	Rounding string `json:"rounding,omitempty"`
	// RoadFactor multiplies haversine distances to approximate road
	// distance; 0 means 1.
	RoadFactor float64 `json:"road_factor,omitempty"`
	// SpeedKmh turns distance into driving time. Required (> 0) for
	// haversine. For euclidean, 0 means travel time equals distance (the
	// Solomon convention).
	SpeedKmh float64 `json:"speed_kmh,omitempty"`
}

// Profile is one pair of explicit travel matrices, indexed by the
// MatrixIndex of depots and stops. Asymmetric matrices are allowed.
type Profile struct {
	ID string `json:"id"`
	// DistanceM[i][j] is the distance from place i to place j: square, non
	// negative, finite. Used as given (no rounding), so it can carry
	// CVRPLIB's integer or Solomon's truncated distances.
	DistanceM [][]float64 `json:"distance_m"`
	// DurationS[i][j] is the driving time from i to j, same shape. Empty:
	// equal to DistanceM (the benchmark convention).
	DurationS [][]float64 `json:"duration_s,omitempty"`
}
